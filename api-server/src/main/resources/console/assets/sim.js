// One SIM: every field, changes (status, rate plan, names, callbacks), connectivity reset, and the
// 202 → updating → final state followed live by polling; its usage, sessions and Commands below.
import { get, post, all } from './api.js';
import { h, errorBox, replace, statusChip, when, field, select, showFieldError, clearFieldErrors } from './dom.js';
import { usageSection, sessionsSection } from './sim-usage.js';
import { commandsSection } from './commands.js';

const FIELDS = ['sid', 'unique_name', 'friendly_name', 'account_sid', 'iccid', 'e_id', 'eid', 'status', 'reset_status',
  'rate_plan_sid', 'commands_callback_url', 'commands_callback_method', 'sms_url', 'sms_method', 'sms_fallback_url',
  'sms_fallback_method', 'voice_url', 'voice_method', 'voice_fallback_url', 'voice_fallback_method', 'ip_address',
  'date_created', 'date_updated', 'url'];
const POLL_MS = 1000;

export async function simPage(page, key) {
  const [sim, plans] = await Promise.all([get(`/v1/Sims/${encodeURIComponent(key)}`), all('/v1/RatePlans?PageSize=1000', 'rate_plans')]);
  if (!page.open) return;
  const planNames = new Map(plans.items.map((p) => [p.sid, p.unique_name || p.friendly_name || p.sid]));
  const title = h('h1', {});
  const live = h('p', { id: 'sim-live', 'aria-live': 'polite', class: 'muted' });
  const details = h('dl', { class: 'fields-list', id: 'sim-fields' });
  let currentSim = sim;
  let polling = false;

  function show(s) {
    currentSim = s;
    replace(title, s.unique_name || s.sid, ' ', h('span', { id: 'sim-status', dataset: { status: s.status } }, statusChip(s.status)),
      s.reset_status ? [' ', statusChip(s.reset_status)] : null);
    replace(details, FIELDS.flatMap((name) => [h('dt', {}, name), h('dd', { dataset: { field: name } }, value(s, name, planNames))]),
      h('dt', {}, 'links'), h('dd', {}, Object.entries(s.links).map(([k, v]) => h('div', { class: 'mono' }, `${k}: ${v ?? '—'}`))));
  }

  /** Follows a change the API accepted with 202 until the SIM is no longer updating or resetting. */
  function follow() {
    if (polling) return;
    polling = true;
    const started = Date.now();
    const tick = async () => {
      try {
        const s = await get(`/v1/Sims/${sim.sid}`);
        if (!page.open) return;
        show(s);
        const busy = s.status === 'updating' || s.reset_status === 'resetting' || s.status === 'scheduled';
        if (busy && Date.now() - started < 15 * 60_000) {
          live.textContent = `${s.status === 'scheduled' ? 'Scheduled by the operator' : 'Working'}… (status ${s.status}${s.reset_status ? `, ${s.reset_status}` : ''})`;
          page.later(tick, s.status === 'scheduled' ? 5000 : POLL_MS);
        } else {
          polling = false;
          live.textContent = busy ? 'Still in progress; reload to check again.' : `Done: the SIM is ${s.status}.`;
        }
      } catch (e) {
        polling = false;
        replace(live, errorBox(e));
      }
    };
    page.later(tick, POLL_MS);
  }

  /** Sends a change; a 202 answer (status change, reset) is then followed live. */
  async function change(formEl, area, fields) {
    clearFieldErrors(formEl, area);
    try {
      const before = currentSim.status;
      const s = await post(`/v1/Sims/${sim.sid}`, fields);
      show(s);
      if (s.status === 'updating' || s.status === 'scheduled' || s.reset_status === 'resetting' || s.status !== before) {
        live.textContent = `Accepted: the SIM is ${s.reset_status || s.status}…`;
        follow();
      } else {
        live.textContent = 'Saved.';
      }
      return true;
    } catch (e) {
      showFieldError(formEl, e, area);
      return false;
    }
  }

  show(sim);
  replace(page.view, h('p', {}, h('a', { href: '#/fleet' }, '← Fleet')), title, live,
    h('div', { class: 'grid2' },
      h('section', { class: 'panel', 'aria-labelledby': 'h-fields' }, h('h2', { id: 'h-fields' }, 'Fields'), details),
      h('div', { class: 'stack' }, statusForm(change, plans.items, sim), namesForm(change, sim), resetForm(change))),
    h('div', { class: 'stack' }, usageSection(page, sim), sessionsSection(page, sim), commandsSection(page, sim)));
  if (sim.status === 'updating' || sim.reset_status === 'resetting' || sim.status === 'scheduled') follow();
}

function value(sim, name, planNames) {
  const v = sim[name];
  if (v === null || v === undefined) return '—';
  if (name === 'status' || name === 'reset_status') return statusChip(v);
  if (name === 'rate_plan_sid') return h('span', {}, h('span', { class: 'mono' }, v), ` (${planNames.get(v) || 'unknown plan'})`);
  if (name.startsWith('date_')) return when(v);
  return h('span', { class: name.endsWith('sid') || name.endsWith('url') || name === 'iccid' ? 'mono' : '' }, String(v));
}

function statusForm(change, plans, sim) {
  const area = h('div', {});
  const status = select('Status', [['', '(keep)'], 'ready', 'active', 'suspended', 'deactivated'], '');
  status.id = 'sim-new-status';
  const plan = select('RatePlan', [['', '(keep)'], ...plans.map((p) => [p.sid, p.unique_name || p.sid])], '');
  plan.id = 'sim-new-plan';
  const callback = h('input', { type: 'url', name: 'CallbackUrl', placeholder: 'https://…' });
  const method = select('CallbackMethod', ['POST', 'GET'], 'POST');
  const formEl = h('form', { novalidate: true, id: 'sim-status-form', onsubmit: (e) => {
    e.preventDefault();
    const fields = {};
    if (status.value) fields.Status = status.value;
    if (plan.value) fields.RatePlan = plan.value;
    if (callback.value) {
      fields.CallbackUrl = callback.value;
      fields.CallbackMethod = method.value;
    }
    change(formEl, area, fields);
  } }, h('div', { class: 'fields' }, field('Status', status), field('Rate plan', plan),
    field('Callback URL (when the change is done)', callback), field('Callback method', method)),
  h('button', { type: 'submit' }, 'Apply'), area);
  return h('section', { class: 'panel', 'aria-labelledby': 'h-status' }, h('h2', { id: 'h-status' }, 'Status and rate plan'), formEl,
    h('p', { class: 'legend-note' }, `Currently ${sim.status}. A status change is carried out by the operator and shown here as it happens.`));
}

function namesForm(change, sim) {
  const area = h('div', {});
  const inputs = {
    UniqueName: h('input', { type: 'text', name: 'UniqueName', value: sim.unique_name || '' }),
    FriendlyName: h('input', { type: 'text', name: 'FriendlyName', value: sim.friendly_name || '' }),
    CommandsCallbackUrl: h('input', { type: 'url', name: 'CommandsCallbackUrl', value: sim.commands_callback_url || '' }),
    CommandsCallbackMethod: select('CommandsCallbackMethod', ['POST', 'GET'], sim.commands_callback_method || 'POST'),
  };
  const original = { UniqueName: sim.unique_name || '', FriendlyName: sim.friendly_name || '',
    CommandsCallbackUrl: sim.commands_callback_url || '', CommandsCallbackMethod: sim.commands_callback_method || 'POST' };
  const formEl = h('form', { novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    const fields = {};
    for (const [name, input] of Object.entries(inputs)) {
      if (input.value !== original[name]) fields[name] = input.value;
    }
    change(formEl, area, fields).then((saved) => {
      if (saved) for (const name of Object.keys(fields)) original[name] = inputs[name].value;
    });
  } }, h('div', { class: 'fields' }, field('Unique name', inputs.UniqueName), field('Friendly name', inputs.FriendlyName),
    field('Commands callback URL', inputs.CommandsCallbackUrl), field('Commands callback method', inputs.CommandsCallbackMethod)),
  h('button', { type: 'submit' }, 'Save'), area);
  return h('section', { class: 'panel', 'aria-labelledby': 'h-names' }, h('h2', { id: 'h-names' }, 'Names and callbacks'), formEl);
}

function resetForm(change) {
  const area = h('div', {});
  const formEl = h('form', { onsubmit: (e) => {
    e.preventDefault();
    change(formEl, area, { ResetStatus: 'resetting' });
  } }, h('p', { class: 'legend-note' }, 'Detaches the SIM from the network so that it reconnects.'),
  h('button', { type: 'submit', class: 'secondary' }, 'Reset connectivity'), area);
  return h('section', { class: 'panel', 'aria-labelledby': 'h-reset' }, h('h2', { id: 'h-reset' }, 'Connectivity'), formEl);
}
