// The account's usage over a chosen window: data and Commands with their billed amounts, as charts
// and a table, downloadable as CSV.
import { all, query } from './api.js';
import { h, errorBox, replace, when, bytes, money, field, select } from './dom.js';
import { drawChart, periodStarts } from './chart.js';

const day = (d) => d.toISOString().slice(0, 10);

export async function usagePage(page) {
  const today = new Date();
  const from = h('input', { type: 'date', name: 'Start', value: day(new Date(today.getTime() - 29 * 86400_000)) });
  const to = h('input', { type: 'date', name: 'End', value: day(today) });
  const granularity = select('Granularity', [['daily', 'Daily'], ['hourly', 'Hourly']], 'daily');
  const message = h('div', { 'aria-live': 'polite' });
  const dataChart = h('div', { class: 'chart', id: 'usage-data-chart' });
  const commandsChart = h('div', { class: 'chart', id: 'usage-commands-chart' });
  const table = h('div', { class: 'scroll' });
  const download = h('a', { class: 'hidden', id: 'usage-csv' }, 'Download CSV');
  let url = null;

  async function load() {
    replace(message, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const start = `${from.value}T00:00:00Z`;
      const end = new Date(Date.parse(`${to.value}T00:00:00Z`) + 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const result = await all(`/v1/UsageRecords${query({ Start: start, End: end, Granularity: granularity.value, PageSize: 1000 })}`, 'usage_records', 50);
      if (!page.open) return;
      const records = result.items;
      replace(message, result.complete ? null : h('p', { class: 'notice' }, `Showing the first ${records.length} records; choose a shorter window.`));
      const x = periodStarts(records);
      drawChart(dataChart, x, [{ label: 'Upload', values: records.map((r) => r.data.upload) },
        { label: 'Download', values: records.map((r) => r.data.download) }], { yLabel: 'bytes', format: bytes });
      drawChart(commandsChart, x, [{ label: 'To SIMs', values: records.map((r) => r.commands.to_sim) },
        { label: 'From SIMs', values: records.map((r) => r.commands.from_sim) }], { yLabel: 'Commands' });
      replace(table, usageTable(records));
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(new Blob([csv(records)], { type: 'text/csv' }));
      download.href = url;
      download.download = `usage-${granularity.value}-${from.value}-${to.value}.csv`;
      download.className = '';
    } catch (e) {
      replace(message, errorBox(e));
    }
  }

  const formEl = h('form', { class: 'toolbar', onsubmit: (e) => {
    e.preventDefault();
    load();
  } }, field('From (UTC)', from), field('To (UTC, inclusive)', to), field('Granularity', granularity),
  h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Show')), h('div', { class: 'field' }, download));
  replace(page.view, h('h1', {}, 'Usage'), h('section', { class: 'panel' }, formEl, message,
    h('div', { class: 'grid2' }, h('div', {}, h('h2', {}, 'Data'), dataChart), h('div', {}, h('h2', {}, 'Commands'), commandsChart))),
  h('section', { class: 'panel', 'aria-labelledby': 'h-usage-table' }, h('h2', { id: 'h-usage-table' }, 'Figures'), table));
  await load();
}

const COLUMNS = [
  ['Period start', (r) => r.period.start],
  ['Period end', (r) => r.period.end],
  ['Data upload (bytes)', (r) => r.data.upload],
  ['Data download (bytes)', (r) => r.data.download],
  ['Data total (bytes)', (r) => r.data.total],
  ['Home (bytes)', (r) => r.data.home.total],
  ['National roaming (bytes)', (r) => r.data.national_roaming.total],
  ['International roaming (bytes)', (r) => r.data.international_roaming.reduce((n, c) => n + c.total, 0)],
  ['Data billed', (r) => r.data.billed],
  ['Commands to SIMs', (r) => r.commands.to_sim],
  ['Commands from SIMs', (r) => r.commands.from_sim],
  ['Commands billed', (r) => r.commands.billed],
  ['Currency', (r) => r.data.billing_units],
];

function csv(records) {
  const cell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [COLUMNS.map(([t]) => t), ...records.map((r) => COLUMNS.map(([, f]) => f(r)))].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function usageTable(records) {
  const sum = (f) => records.reduce((n, r) => n + f(r), 0);
  const units = records.length ? records[0].data.billing_units : '';
  return h('table', { class: 'responsive', id: 'usage-table' },
    h('caption', { class: 'muted' }, records.length ? '' : 'No usage in this window.'),
    h('thead', {}, h('tr', {}, ['Period start', 'Upload', 'Download', 'Total', 'Data billed', 'Commands to SIMs', 'From SIMs', 'Commands billed']
      .map((t, i) => h('th', { class: i ? 'num' : '' }, t)))),
    h('tbody', {}, records.map((r) => h('tr', {},
      h('td', { 'data-label': 'Period start' }, when(r.period.start)),
      h('td', { class: 'num', 'data-label': 'Upload' }, bytes(r.data.upload)),
      h('td', { class: 'num', 'data-label': 'Download' }, bytes(r.data.download)),
      h('td', { class: 'num', 'data-label': 'Total' }, bytes(r.data.total)),
      h('td', { class: 'num', 'data-label': 'Data billed' }, money(r.data.billed, r.data.billing_units)),
      h('td', { class: 'num', 'data-label': 'Commands to SIMs' }, String(r.commands.to_sim)),
      h('td', { class: 'num', 'data-label': 'From SIMs' }, String(r.commands.from_sim)),
      h('td', { class: 'num', 'data-label': 'Commands billed' }, money(r.commands.billed, r.commands.billing_units))))),
    h('tfoot', {}, h('tr', {}, h('th', {}, 'Total'),
      h('td', { class: 'num' }, bytes(sum((r) => r.data.upload))), h('td', { class: 'num' }, bytes(sum((r) => r.data.download))),
      h('td', { class: 'num' }, bytes(sum((r) => r.data.total))), h('td', { class: 'num' }, money(sum((r) => r.data.billed), units)),
      h('td', { class: 'num' }, String(sum((r) => r.commands.to_sim))), h('td', { class: 'num' }, String(sum((r) => r.commands.from_sim))),
      h('td', { class: 'num' }, money(sum((r) => r.commands.billed), units)))));
}
