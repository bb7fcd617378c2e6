// Time-series charts with uPlot (served from its WebJar, loaded as the global uPlot).

const COLORS = ['#0b5fff', '#e8710a', '#137333', '#a142f4', '#b3261e'];

/**
 * Draws series over time into container, replacing what was there. series: [{label, values}],
 * x: epoch seconds. The container records how many points carry a value above zero
 * (data-points), so that a reader of the page, or a test, can tell an empty chart from a drawn one.
 */
export function drawChart(container, x, series, { yLabel = '', format = (v) => String(v) } = {}) {
  container.replaceChildren();
  container.dataset.points = String(series.reduce((n, s) => n + s.values.filter((v) => v > 0).length, 0));
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', `${yLabel} chart: ${series.map((s) => s.label).join(', ')}`);
  if (typeof window.uPlot !== 'function') {
    container.textContent = 'The chart library did not load; the table below has the same figures.';
    return null;
  }
  const width = Math.max(280, container.clientWidth || 600);
  const options = {
    width,
    height: 240,
    scales: { x: { time: true } },
    axes: [{}, { label: yLabel, size: 70, values: (u, ticks) => ticks.map(format) }],
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2,
      fill: `${COLORS[i % COLORS.length]}22`, points: { show: x.length <= 60 }, value: (u, v) => (v === null ? '—' : format(v)) }))],
  };
  const plot = new window.uPlot(options, [x, ...series.map((s) => s.values)], container);
  if (window.ResizeObserver) {
    const observer = new ResizeObserver(() => {
      if (!container.isConnected) {
        observer.disconnect();
        return;
      }
      const w = Math.max(280, container.clientWidth);
      if (Math.abs(w - plot.width) > 4) plot.setSize({ width: w, height: 240 });
    });
    observer.observe(container);
  }
  return plot;
}

/** The usage tree's figures for a chart: bytes up/down, or bytes per network kind. */
export function dataSeries(records, split) {
  if (split === 'network') {
    return [
      { label: 'Home', values: records.map((r) => r.data.home.total) },
      { label: 'National roaming', values: records.map((r) => r.data.national_roaming.total) },
      { label: 'International roaming', values: records.map((r) => r.data.international_roaming.reduce((n, c) => n + c.total, 0)) },
    ];
  }
  return [
    { label: 'Upload', values: records.map((r) => r.data.upload) },
    { label: 'Download', values: records.map((r) => r.data.download) },
  ];
}

export const periodStarts = (records) => records.map((r) => Math.floor(Date.parse(r.period.start) / 1000));
