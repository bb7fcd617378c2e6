// A SIM's data usage (daily for 30 days or hourly for 48 hours, split by direction or network)
// as a chart and a table, and its data sessions.
import { get, query, all } from './api.js';
import { h, errorBox, replace, when, bytes, money, select } from './dom.js';
import { drawChart, dataSeries, periodStarts } from './chart.js';

const WINDOWS = { daily: { hours: 30 * 24, label: 'Daily, last 30 days' }, hourly: { hours: 48, label: 'Hourly, last 48 hours' } };

export function usageSection(page, sim) {
  const granularity = select('Granularity', Object.entries(WINDOWS).map(([k, w]) => [k, w.label]), 'daily');
  granularity.id = 'sim-usage-granularity';
  const split = select('Split', [['direction', 'Upload / download'], ['network', 'Home / national / international']], 'direction');
  split.id = 'sim-usage-split';
  const chart = h('div', { class: 'chart', id: 'sim-usage-chart' });
  const table = h('div', { class: 'scroll' });
  const message = h('div', {});
  let records = [];

  async function load() {
    const end = new Date();
    const hours = WINDOWS[granularity.value].hours;
    const start = new Date(end.getTime() - hours * 3600_000);
    try {
      const result = await all(`/v1/Sims/${sim.sid}/UsageRecords${query({ Granularity: granularity.value,
        Start: start.toISOString().replace(/\.\d+Z$/, 'Z'), End: end.toISOString().replace(/\.\d+Z$/, 'Z'), PageSize: 1000 })}`, 'usage_records');
      records = result.items;
      if (page.open) draw();
    } catch (e) {
      replace(message, errorBox(e));
    }
  }

  function draw() {
    replace(message, records.length ? null : h('p', { class: 'muted' }, 'No usage in this window.'));
    drawChart(chart, periodStarts(records), dataSeries(records, split.value), { yLabel: 'bytes', format: bytes });
    chart.dataset.granularity = granularity.value;
    chart.dataset.split = split.value;
    replace(table, usageTable(records));
  }

  granularity.addEventListener('change', load);
  split.addEventListener('change', draw);
  page.later(load, 0);
  return h('section', { class: 'panel', 'aria-labelledby': 'h-usage' }, h('h2', { id: 'h-usage' }, 'Data usage'),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: granularity.id }, 'Window'), granularity),
      h('div', { class: 'field' }, h('label', { for: split.id }, 'Split'), split)),
    message, chart, h('details', {}, h('summary', {}, 'Figures as a table'), table));
}

function usageTable(records) {
  return h('table', { class: 'responsive' },
    h('thead', {}, h('tr', {}, ['Period start', 'Upload', 'Download', 'Home', 'National', 'International', 'Data billed', 'Commands', 'Commands billed']
      .map((t, i) => h('th', { class: i ? 'num' : '' }, t)))),
    h('tbody', {}, records.map((r) => h('tr', {},
      h('td', { 'data-label': 'Period start' }, when(r.period.start)),
      h('td', { class: 'num', 'data-label': 'Upload' }, bytes(r.data.upload)),
      h('td', { class: 'num', 'data-label': 'Download' }, bytes(r.data.download)),
      h('td', { class: 'num', 'data-label': 'Home' }, bytes(r.data.home.total)),
      h('td', { class: 'num', 'data-label': 'National' }, bytes(r.data.national_roaming.total)),
      h('td', { class: 'num', 'data-label': 'International' }, bytes(r.data.international_roaming.reduce((n, c) => n + c.total, 0))),
      h('td', { class: 'num', 'data-label': 'Data billed' }, money(r.data.billed, r.data.billing_units)),
      h('td', { class: 'num', 'data-label': 'Commands' }, String(r.commands.total)),
      h('td', { class: 'num', 'data-label': 'Commands billed' }, money(r.commands.billed, r.commands.billing_units))))));
}

export function sessionsSection(page, sim) {
  const area = h('div', { class: 'scroll' });
  const pager = h('div', { class: 'pager' });
  async function load(url) {
    try {
      const body = await get(url || `/v1/Sims/${sim.sid}/DataSessions?PageSize=20`);
      if (!page.open) return;
      replace(area, h('table', { class: 'responsive', id: 'sessions-table' },
        h('caption', { class: 'muted' }, body.data_sessions.length ? '' : 'No data sessions in the last 30 days.'),
        h('thead', {}, h('tr', {}, ['Start', 'End', 'Operator', 'Country', 'Radio', 'Cell', 'Packets up', 'Packets down', 'IMEI', 'Updated']
          .map((t) => h('th', {}, t)))),
        h('tbody', {}, body.data_sessions.map((s) => h('tr', {},
          h('td', { 'data-label': 'Start' }, when(s.start)), h('td', { 'data-label': 'End' }, s.end ? when(s.end) : 'open'),
          h('td', { 'data-label': 'Operator' }, `${s.operator_name ?? '—'} (${s.operator_mcc ?? '?'}-${s.operator_mnc ?? '?'})`),
          h('td', { 'data-label': 'Country' }, s.operator_country ?? '—'), h('td', { 'data-label': 'Radio' }, s.radio_link ?? '—'),
          h('td', { 'data-label': 'Cell', class: 'mono' }, s.cell_id ?? '—',
            s.cell_location_estimate.lat !== null ? ` @ ${s.cell_location_estimate.lat}, ${s.cell_location_estimate.lon}` : ''),
          h('td', { class: 'num', 'data-label': 'Packets up' }, String(s.packets_uploaded)),
          h('td', { class: 'num', 'data-label': 'Packets down' }, String(s.packets_downloaded)),
          h('td', { 'data-label': 'IMEI', class: 'mono' }, s.imei ?? '—'), h('td', { 'data-label': 'Updated' }, when(s.last_updated)))))));
      replace(pager,
        h('button', { type: 'button', class: 'secondary', disabled: !body.meta.previous_page_url, onclick: () => load(body.meta.previous_page_url) }, 'Previous'),
        h('button', { type: 'button', class: 'secondary', disabled: !body.meta.next_page_url, onclick: () => load(body.meta.next_page_url) }, 'Next'));
    } catch (e) {
      replace(area, errorBox(e));
    }
  }
  page.later(() => load(null), 0);
  return h('section', { class: 'panel', 'aria-labelledby': 'h-sessions' }, h('h2', { id: 'h-sessions' }, 'Data sessions'), area, pager);
}
