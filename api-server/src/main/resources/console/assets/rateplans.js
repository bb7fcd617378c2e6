// Rate plans: list, create (every field; the API's validation message shown at the field it
// names), rename, delete (a plan still in use answers 409, shown as such).
import { post, del, all } from './api.js';
import { h, errorBox, replace, when, field, select, showFieldError, clearFieldErrors } from './dom.js';

export async function ratePlansPage(page) {
  const list = h('div', { class: 'scroll' });
  const message = h('div', { 'aria-live': 'polite', id: 'rate-plans-message' });

  async function load() {
    const result = await all('/v1/RatePlans?PageSize=1000', 'rate_plans');
    if (page.open) replace(list, planTable(result.items, message, load));
  }

  replace(page.view, h('h1', {}, 'Rate plans'),
    h('section', { class: 'panel', 'aria-labelledby': 'h-plans' }, h('h2', { id: 'h-plans' }, 'Plans'), message, list),
    h('section', { class: 'panel', 'aria-labelledby': 'h-new-plan' }, h('h2', { id: 'h-new-plan' }, 'New rate plan'),
      createForm(message, load)));
  await load();
}

const yesNo = (v) => (v ? 'yes' : 'no');
const mb = (v) => (v === null || v === undefined ? '—' : `${v} MB`);

function planTable(plans, message, reload) {
  return h('table', { class: 'responsive', id: 'rate-plans-table' },
    h('caption', { class: 'muted' }, plans.length ? '' : 'No rate plans yet.'),
    h('thead', {}, h('tr', {}, ['Unique name', 'Friendly name', 'Data', 'Metering', 'Data limit', 'Messaging', 'Voice',
      'National roaming', 'International roaming', 'Limit strategy', 'Usage notification', 'Created', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, plans.map((p) => planRow(p, message, reload))));
}

function planRow(p, message, reload) {
  const name = p.unique_name || p.sid;
  const row = h('tr', { dataset: { sid: p.sid, uniqueName: p.unique_name || '' } },
    h('td', { 'data-label': 'Unique name' }, name, h('div', { class: 'mono muted' }, p.sid)),
    h('td', { 'data-label': 'Friendly name' }, p.friendly_name ?? '—'),
    h('td', { 'data-label': 'Data' }, yesNo(p.data_enabled)), h('td', { 'data-label': 'Metering' }, p.data_metering ?? '—'),
    h('td', { 'data-label': 'Data limit' }, mb(p.data_limit)), h('td', { 'data-label': 'Messaging' }, yesNo(p.messaging_enabled)),
    h('td', { 'data-label': 'Voice' }, yesNo(p.voice_enabled)),
    h('td', { 'data-label': 'National roaming' }, p.national_roaming_enabled ? `yes, ${mb(p.national_roaming_data_limit)}` : 'no'),
    h('td', { 'data-label': 'International roaming' }, p.international_roaming.length
      ? `${p.international_roaming.join(', ')}; ${mb(p.international_roaming_data_limit)}` : 'none'),
    h('td', { 'data-label': 'Limit strategy' }, p.data_limit_strategy ?? '—'),
    h('td', { 'data-label': 'Usage notification', class: 'mono' }, p.usage_notification_url ? `${p.usage_notification_method || ''} ${p.usage_notification_url}` : '—'),
    h('td', { 'data-label': 'Created' }, when(p.date_created)),
    h('td', {}, h('div', { class: 'row-actions' },
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Rename ${name}`, onclick: () => row.after(renameRow(p, message, reload)) }, 'Rename'),
      deleteButton(p, name, message, reload))));
  return row;
}

/** Two steps, so that a stray click or key press deletes nothing. */
function deleteButton(p, name, message, reload) {
  let armed = false;
  const button = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${name}`, dataset: { action: 'delete' }, onclick: async () => {
    if (!armed) {
      armed = true;
      button.textContent = 'Confirm delete';
      return;
    }
    button.disabled = true;
    try {
      await del(`/v1/RatePlans/${p.sid}`);
      replace(message, h('p', { class: 'notice' }, `Rate plan ${name} deleted.`));
      await reload();
    } catch (e) {
      replace(message, e.status === 409 ? h('p', { class: 'notice' }, `${name} is still in use by SIMs and was not deleted.`) : null, errorBox(e));
      button.disabled = false;
      armed = false;
      button.textContent = 'Delete';
    }
  } }, 'Delete');
  return button;
}

function renameRow(p, message, reload) {
  const area = h('div', {});
  const unique = h('input', { type: 'text', name: 'UniqueName', value: p.unique_name || '' });
  const friendly = h('input', { type: 'text', name: 'FriendlyName', value: p.friendly_name || '' });
  const formEl = h('form', { novalidate: true, class: 'toolbar', onsubmit: async (e) => {
    e.preventDefault();
    clearFieldErrors(formEl, area);
    try {
      await post(`/v1/RatePlans/${p.sid}`, { UniqueName: unique.value, FriendlyName: friendly.value });
      replace(message, h('p', { class: 'notice' }, 'Rate plan renamed.'));
      await reload();
    } catch (error) {
      showFieldError(formEl, error, area);
    }
  } }, field('Unique name', unique), field('Friendly name', friendly), h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Save')));
  return h('tr', {}, h('td', { colspan: 13 }, formEl, area));
}

function createForm(message, reload) {
  const area = h('div', { id: 'new-plan-error' });
  const num = (name) => h('input', { type: 'number', name, inputmode: 'numeric' });
  const check = (name, on, text) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name, checked: on }), text);
  const formEl = h('form', { novalidate: true, id: 'new-plan-form', onsubmit: async (e) => {
    e.preventDefault();
    clearFieldErrors(formEl, area);
    const f = formEl.elements;
    const text = (name) => f[name].value.trim() || null;
    try {
      const plan = await post('/v1/RatePlans', {
        UniqueName: text('UniqueName'), FriendlyName: text('FriendlyName'), DataEnabled: f.DataEnabled.checked,
        DataLimit: text('DataLimit'), DataMetering: text('DataMetering'), MessagingEnabled: f.MessagingEnabled.checked,
        VoiceEnabled: f.VoiceEnabled.checked, NationalRoamingEnabled: f.NationalRoamingEnabled.checked,
        NationalRoamingDataLimit: text('NationalRoamingDataLimit'),
        InternationalRoaming: [...formEl.querySelectorAll('input[name=InternationalRoaming]:checked')].map((c) => c.value),
        InternationalRoamingDataLimit: text('InternationalRoamingDataLimit'), DataLimitStrategy: text('DataLimitStrategy'),
        UsageNotificationUrl: text('UsageNotificationUrl'), UsageNotificationMethod: text('UsageNotificationMethod'),
      });
      replace(message, h('p', { class: 'notice' }, `Rate plan ${plan.unique_name || plan.sid} created.`));
      formEl.reset();
      await reload();
    } catch (error) {
      showFieldError(formEl, error, area);
    }
  } },
  h('div', { class: 'fields' },
    field('Unique name', h('input', { type: 'text', name: 'UniqueName' })),
    field('Friendly name', h('input', { type: 'text', name: 'FriendlyName' })),
    field('Data limit (MB per month, home)', num('DataLimit'), 'Default 1000.'),
    field('Data metering', select('DataMetering', [['', '(default)'], 'payg', 'quota-1', 'quota-10', 'quota-50'], '')),
    field('National roaming data limit (MB)', num('NationalRoamingDataLimit')),
    field('International roaming data limit (MB)', num('InternationalRoamingDataLimit')),
    field('When the limit is reached', select('DataLimitStrategy', [['', '(default)'], 'block', 'throttle'], '')),
    field('Usage notification URL', h('input', { type: 'url', name: 'UsageNotificationUrl' })),
    field('Usage notification method', select('UsageNotificationMethod', [['', '(default)'], 'POST', 'GET'], ''))),
  h('fieldset', {}, h('legend', {}, 'Features'), check('DataEnabled', true, 'Data'), check('MessagingEnabled', true, 'Messaging (Commands)'),
    check('VoiceEnabled', false, 'Voice'), check('NationalRoamingEnabled', true, 'National roaming')),
  h('fieldset', {}, h('legend', {}, 'International roaming'),
    ['data', 'messaging', 'voice'].map((v) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'InternationalRoaming', value: v }), v)),
    h('p', { class: 'field-error', hidden: true })),
  h('button', { type: 'submit' }, 'Create rate plan'), area);
  return formEl;
}
