// A SIM's Commands: the list (updated live while any is on its way) and a form to send a text or
// binary Command.
import { get, post, query } from './api.js';
import { h, errorBox, replace, statusChip, when, field, select, showFieldError, clearFieldErrors } from './dom.js';

const IN_FLIGHT = new Set(['queued', 'sent']);
const POLL_MS = 1000;
/** A Command sent without a receipt stays `sent`; stop following after this long. */
const FOLLOW_FOR_MS = 5 * 60_000;

export function commandsSection(page, sim) {
  const list = h('div', { class: 'scroll' });
  const area = h('div', { 'aria-live': 'polite' });
  let followingSince = null;

  async function load() {
    try {
      const body = await get(`/v1/Commands${query({ Sim: sim.sid, PageSize: 20 })}`);
      if (!page.open) return;
      replace(list, commandTable(body.commands));
      const busy = body.commands.some((c) => IN_FLIGHT.has(c.status) && c.direction === 'to_sim');
      if (busy && followingSince && Date.now() - followingSince < FOLLOW_FOR_MS) page.later(load, POLL_MS);
      else followingSince = null;
    } catch (e) {
      replace(list, errorBox(e));
    }
  }

  const text = h('textarea', { name: 'Command', rows: 2, id: 'command-text' });
  const mode = select('CommandMode', [['text', 'Text'], ['binary', 'Binary (base64)']], 'text');
  mode.id = 'command-mode';
  const includeSid = select('IncludeSid', ['none', 'start', 'end'], 'none');
  const receipt = h('input', { type: 'checkbox', name: 'DeliveryReceiptRequested', checked: true, id: 'command-receipt' });
  const callback = h('input', { type: 'url', name: 'CallbackUrl', placeholder: 'https://…' });
  const formEl = h('form', { novalidate: true, id: 'command-form', onsubmit: async (e) => {
    e.preventDefault();
    clearFieldErrors(formEl, area);
    try {
      const command = await post('/v1/Commands', { Sim: sim.sid, Command: text.value, CommandMode: mode.value,
        IncludeSid: mode.value === 'text' ? includeSid.value : null, DeliveryReceiptRequested: receipt.checked,
        CallbackUrl: callback.value || null });
      replace(area, h('p', { class: 'notice' }, 'Command ', h('span', { class: 'mono' }, command.sid), ' is ', statusChip(command.status), '.'));
      text.value = '';
      followingSince = Date.now();
      load();
    } catch (error) {
      showFieldError(formEl, error, area);
    }
  } }, h('div', { class: 'fields' }, field('Command', text, 'Up to 160 characters of text, or 140 bytes as base64 in binary mode.'),
    field('Mode', mode), field('Include the SID', includeSid), field('Callback URL', callback)),
  h('label', { class: 'inline', for: 'command-receipt' }, receipt, 'Ask for a delivery receipt'), ' ',
  h('button', { type: 'submit' }, 'Send'), area);

  page.later(load, 0);
  return h('section', { class: 'panel', 'aria-labelledby': 'h-commands' }, h('h2', { id: 'h-commands' }, 'Commands'), formEl, list);
}

function commandTable(commands) {
  return h('table', { class: 'responsive', id: 'commands-table' },
    h('caption', { class: 'muted' }, commands.length ? '' : 'No Commands in the last 30 days.'),
    h('thead', {}, h('tr', {}, ['Created', 'Direction', 'Command', 'Mode', 'Transport', 'Receipt', 'Status', 'Updated'].map((t) => h('th', {}, t)))),
    h('tbody', {}, commands.map((c) => h('tr', { dataset: { sid: c.sid } },
      h('td', { 'data-label': 'Created' }, when(c.date_created)), h('td', { 'data-label': 'Direction' }, c.direction),
      h('td', { 'data-label': 'Command', class: 'mono' }, c.command), h('td', { 'data-label': 'Mode' }, c.command_mode),
      h('td', { 'data-label': 'Transport' }, c.transport), h('td', { 'data-label': 'Receipt' }, c.delivery_receipt_requested ? 'yes' : 'no'),
      h('td', { 'data-label': 'Status', class: 'command-status' }, statusChip(c.status)), h('td', { 'data-label': 'Updated' }, when(c.date_updated))))));
}
