// Fleet: the account's SIMs in a table, per-status counts as filter chips, filters, search,
// paging along next_page_url, and bulk status or rate plan changes (one request per SIM).
import { get, post, query, all, ApiError } from './api.js';
import { h, errorBox, replace, statusChip, when, select } from './dom.js';

export const SIM_STATUSES = ['new', 'ready', 'active', 'suspended', 'deactivated', 'canceled', 'scheduled', 'updating'];
const TARGET_STATUSES = ['ready', 'active', 'suspended', 'deactivated'];
const PAGE_SIZE = 50;
/** Counting follows at most this many pages of 1,000 per status; beyond that the chip says "10000+". */
const COUNT_PAGES = 10;

const state = { status: '', ratePlan: '', search: '', pageUrl: null };

export async function fleetPage(page) {
  const { view } = page;
  const plansPromise = all('/v1/RatePlans?PageSize=1000', 'rate_plans');
  const firstPage = loadPage(state.pageUrl);
  const [plans, sims] = await Promise.all([plansPromise, firstPage]);
  if (!page.open) return;
  const planNames = new Map(plans.items.map((p) => [p.sid, p.unique_name || p.friendly_name || p.sid]));
  const selected = new Set();

  const chips = h('ul', { class: 'chips', 'aria-label': 'SIMs per status (whole fleet)' });
  const tableArea = h('div', { class: 'scroll' });
  const pager = h('div', { class: 'pager' });
  const message = h('div', { 'aria-live': 'polite' });
  const bulk = bulkBar(page, selected, plans.items, () => refresh(state.pageUrl));

  const planFilter = select('RatePlan', [['', 'All rate plans'], ...plans.items.map((p) => [p.sid, planNames.get(p.sid)])], state.ratePlan);
  planFilter.id = 'filter-rate-plan';
  planFilter.addEventListener('change', () => {
    state.ratePlan = planFilter.value;
    refresh(null);
  });
  const searchBox = h('input', { type: 'search', id: 'fleet-search', name: 'q', value: state.search, placeholder: 'ICCID or unique name' });
  const searchForm = h('form', { role: 'search', class: 'toolbar', onsubmit: (e) => {
    e.preventDefault();
    state.search = searchBox.value.trim();
    refresh(null);
  } }, h('div', { class: 'field' }, h('label', { for: 'filter-rate-plan' }, 'Rate plan'), planFilter),
  h('div', { class: 'field' }, h('label', { for: 'fleet-search' }, 'Search by ICCID or unique name'), searchBox),
  h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Search')));

  async function refresh(url) {
    state.pageUrl = url;
    selected.clear();
    bulk.update();
    try {
      const result = await loadPage(url);
      if (page.open) draw(result);
    } catch (e) {
      if (page.open) replace(message, errorBox(e));
    }
  }

  function draw(result) {
    replace(message, result.note ? h('p', { class: 'notice' }, result.note) : null);
    drawChips();
    replace(tableArea, simTable(result.sims, planNames, selected, bulk.update));
    replace(pager,
      h('button', { type: 'button', class: 'secondary', disabled: !result.previous, onclick: () => refresh(result.previous) }, 'Previous'),
      h('span', { class: 'muted' }, `Page ${result.page + 1} · ${result.sims.length} SIMs`),
      h('button', { type: 'button', class: 'secondary', id: 'next-page', disabled: !result.next, onclick: () => refresh(result.next) }, 'Next'));
  }

  function drawChips() {
    replace(chips, ['', ...SIM_STATUSES].map((s) => h('li', {}, h('button', {
      type: 'button', class: 'chip-button', 'aria-pressed': String(state.status === s), dataset: { status: s || 'all' },
      onclick: () => {
        state.status = s;
        refresh(null);
      } }, s || 'all', h('span', { class: 'count', dataset: { countFor: s || 'all' } }, counts.get(s) ?? '…')))));
  }

  const counts = new Map();
  replace(view, h('h1', {}, 'Fleet'), h('section', { class: 'panel' }, chips, searchForm, bulk.element, message, tableArea, pager));
  draw(sims);
  const table = tableArea.querySelector('table');
  if (table && window.consoleSignInAt) {
    table.dataset.renderMs = String(Math.round(performance.now() - window.consoleSignInAt));
    window.consoleSignInAt = null;
  }
  countStatuses(page, counts, drawChips);
}

/** The SIMs of the current filters: a page of the list, or the one SIM a search names. */
async function loadPage(url) {
  if (state.search) return search(state.search);
  const path = url || `/v1/Sims${query({ Status: state.status, RatePlan: state.ratePlan, PageSize: PAGE_SIZE })}`;
  const body = await get(path);
  return { sims: body.sims, next: body.meta.next_page_url, previous: body.meta.previous_page_url, page: body.meta.page };
}

/** An ICCID (digits) goes to the Iccid filter; anything else is a unique name (or SID) fetched directly. */
async function search(text) {
  try {
    if (/^\d{6,22}F?$/.test(text)) {
      const body = await get(`/v1/Sims${query({ Iccid: text })}`);
      return { sims: body.sims, page: 0, note: body.sims.length ? null : `No SIM has ICCID ${text}.` };
    }
    const sim = await get(`/v1/Sims/${encodeURIComponent(text)}`);
    return { sims: [sim], page: 0 };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { sims: [], page: 0, note: `No SIM is named ${text}.` };
    throw e;
  }
}

/** Counts each status by following its pages; honest about a cap instead of guessing. */
async function countStatuses(page, counts, redraw) {
  await Promise.all(SIM_STATUSES.map(async (status) => {
    try {
      const result = await all(`/v1/Sims${query({ Status: status, PageSize: 1000 })}`, 'sims', COUNT_PAGES);
      counts.set(status, result.complete ? String(result.items.length) : `${result.items.length}+`);
    } catch (e) {
      counts.set(status, '?');
    }
  }));
  let total = 0;
  let capped = false;
  for (const s of SIM_STATUSES) {
    total += parseInt(counts.get(s), 10) || 0;
    capped ||= counts.get(s).endsWith('+') || counts.get(s) === '?';
  }
  counts.set('', capped ? `${total}+` : String(total));
  if (page.open) redraw();
}

function simTable(sims, planNames, selected, changed) {
  const everyBox = h('input', { type: 'checkbox', 'aria-label': 'Select every SIM on this page', onchange: () => {
    for (const box of body.querySelectorAll('input[type=checkbox]')) {
      box.checked = everyBox.checked;
      if (everyBox.checked) selected.add(box.value);
      else selected.delete(box.value);
    }
    changed();
  } });
  const body = h('tbody', {}, sims.map((sim) => {
    const name = sim.unique_name || sim.sid;
    return h('tr', { dataset: { sid: sim.sid } },
      h('td', {}, h('input', { type: 'checkbox', value: sim.sid, 'aria-label': `Select ${name}`, onchange: (e) => {
        if (e.target.checked) selected.add(sim.sid);
        else selected.delete(sim.sid);
        changed();
      } })),
      h('td', { 'data-label': 'Unique name' }, h('a', { href: `#/sims/${encodeURIComponent(sim.sid)}` }, name)),
      h('td', { 'data-label': 'ICCID', class: 'mono' }, sim.iccid),
      h('td', { 'data-label': 'Status', class: 'sim-status' }, statusChip(sim.status), sim.reset_status ? [' ', statusChip(sim.reset_status)] : null),
      h('td', { 'data-label': 'Rate plan' }, sim.rate_plan_sid ? planNames.get(sim.rate_plan_sid) || sim.rate_plan_sid : '—'),
      h('td', { 'data-label': 'Last updated' }, when(sim.date_updated)));
  }));
  return h('table', { class: 'responsive', id: 'fleet-table' },
    h('caption', { class: 'muted' }, sims.length ? '' : 'No SIMs match.'),
    h('thead', {}, h('tr', {}, h('th', {}, everyBox), h('th', {}, 'Unique name'), h('th', {}, 'ICCID'), h('th', {}, 'Status'),
      h('th', {}, 'Rate plan'), h('th', {}, 'Last updated'))), body);
}

/** The bulk action bar: applies one change to every selected SIM, one request each, with progress and failures. */
function bulkBar(page, selected, plans, done) {
  const count = h('span', { id: 'bulk-count' }, '0 selected');
  const statusSelect = select('Status', [['', 'Change status to…'], ...TARGET_STATUSES.map((s) => [s, s])], '');
  statusSelect.setAttribute('aria-label', 'New status for the selected SIMs');
  const planSelect = select('RatePlan', [['', 'Move to rate plan…'], ...plans.map((p) => [p.sid, p.unique_name || p.sid])], '');
  planSelect.setAttribute('aria-label', 'New rate plan for the selected SIMs');
  const apply = h('button', { type: 'submit', disabled: true, 'aria-controls': 'bulk-progress' }, 'Apply to selected');
  const progress = h('progress', { max: 1, value: 0, hidden: true });
  const progressText = h('span', { 'aria-live': 'polite', id: 'bulk-progress' });
  const failures = h('ul', { class: 'failures', id: 'bulk-failures' });
  const formEl = h('form', { class: 'toolbar', onsubmit: async (e) => {
    e.preventDefault();
    const change = {};
    if (statusSelect.value) change.Status = statusSelect.value;
    if (planSelect.value) change.RatePlan = planSelect.value;
    if (!Object.keys(change).length || !selected.size) return;
    const sids = [...selected];
    apply.disabled = true;
    progress.hidden = false;
    progress.max = sids.length;
    replace(failures);
    let failed = 0;
    for (let i = 0; i < sids.length; i++) {
      try {
        await post(`/v1/Sims/${sids[i]}`, change);
      } catch (error) {
        failed++;
        failures.append(h('li', {}, h('span', { class: 'mono' }, sids[i]), ': ', errorBox(error)));
      }
      progress.value = i + 1;
      progressText.textContent = `${i + 1} of ${sids.length} done${failed ? `, ${failed} failed` : ''}`;
    }
    if (page.open) done();
  } }, count, statusSelect, planSelect, apply, progress, progressText);
  return {
    element: h('div', {}, formEl, failures),
    update() {
      count.textContent = `${selected.size} selected`;
      apply.disabled = selected.size === 0;
    },
  };
}
