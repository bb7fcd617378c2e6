// The Debugger: the account's alerts with every delivery attempt of the callback they are about,
// redelivery, and the webhook secrets that sign callbacks.
import { get, post, query } from './api.js';
import { h, errorBox, replace, when, field } from './dom.js';

const POLL_MS = 1000;

export async function debuggerPage(page) {
  const alerts = h('div', { id: 'alerts' });
  const pager = h('div', { class: 'pager' });
  const secrets = h('div', { class: 'scroll' });
  const secretMessage = h('div', { 'aria-live': 'polite' });

  async function loadAlerts(url) {
    try {
      const body = await get(url || `/v1/Alerts${query({ PageSize: 20 })}`);
      if (!page.open) return;
      replace(alerts, body.alerts.length ? body.alerts.map((a) => alertItem(page, a)) : h('p', { class: 'muted' }, 'No alerts. Failed callbacks and carrier refusals show up here.'));
      replace(pager,
        h('button', { type: 'button', class: 'secondary', disabled: !body.meta.previous_page_url, onclick: () => loadAlerts(body.meta.previous_page_url) }, 'Newer'),
        h('button', { type: 'button', class: 'secondary', disabled: !body.meta.next_page_url, onclick: () => loadAlerts(body.meta.next_page_url) }, 'Older'));
    } catch (e) {
      replace(alerts, errorBox(e));
    }
  }

  async function loadSecrets() {
    try {
      const body = await get('/v1/WebhookSecrets');
      if (page.open) replace(secrets, secretTable(body.webhook_secrets, secretMessage, loadSecrets));
    } catch (e) {
      replace(secrets, errorBox(e));
    }
  }

  const name = h('input', { type: 'text', name: 'Name' });
  const secretForm = h('form', { class: 'toolbar', id: 'secret-form', onsubmit: async (e) => {
    e.preventDefault();
    try {
      const created = await post('/v1/WebhookSecrets', name.value ? { Name: name.value } : {});
      replace(secretMessage, h('div', { class: 'notice' }, `Secret ${created.id} created (${created.status}). Its value is shown only this once:`,
        h('output', { class: 'secret' }, created.secret)));
      name.value = '';
      await loadSecrets();
    } catch (error) {
      replace(secretMessage, errorBox(error));
    }
  } }, field('Name', name), h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Create secret')));

  replace(page.view, h('h1', {}, 'Debugger'),
    h('section', { class: 'panel', 'aria-labelledby': 'h-alerts' }, h('h2', { id: 'h-alerts' }, 'Alerts'),
      h('button', { type: 'button', class: 'secondary', onclick: () => loadAlerts(null) }, 'Refresh'), alerts, pager),
    h('section', { class: 'panel', 'aria-labelledby': 'h-secrets' }, h('h2', { id: 'h-secrets' }, 'Webhook secrets'),
      h('p', { class: 'legend-note' }, 'The active secret signs every callback (kore-signature). A new secret starts pending while another is active; make it active once your receiver knows it.'),
      secretForm, secretMessage, secrets));
  await Promise.all([loadAlerts(null), loadSecrets()]);
}

/** The list leaves out attempts: they are fetched with the alert when it is opened. */
function alertItem(page, alert) {
  const attempts = h('div', { class: 'scroll' }, h('p', { class: 'muted' }, 'Loading the delivery attempts…'));
  const status = h('div', { 'aria-live': 'polite' });
  const redeliverable = alert.request_url !== null;
  // the attempts shown before a redelivery: the redelivered one may already be in the Redeliver answer
  let shownAttempts = 0;
  const button = redeliverable ? h('button', { type: 'button', class: 'secondary', dataset: { action: 'redeliver' }, onclick: async () => {
    button.disabled = true;
    const known = shownAttempts;
    try {
      await post(`/v1/Alerts/${alert.sid}/Redeliver`);
      replace(status, h('p', { class: 'notice' }, 'Queued for delivery again; new attempts appear below.'));
      follow(page, known, alert.sid, attempts, status, button);
    } catch (e) {
      replace(status, errorBox(e));
      button.disabled = false;
    }
  } }, 'Redeliver') : null;
  let loaded = false;
  const item = h('details', { class: 'alert-item', dataset: { sid: alert.sid }, ontoggle: async () => {
    if (!item.open || loaded) return;
    loaded = true;
    try {
      const shown = (await get(`/v1/Alerts/${alert.sid}`)).attempts;
      shownAttempts = shown.length;
      replace(attempts, attemptTable(shown));
    } catch (e) {
      loaded = false;
      replace(attempts, errorBox(e));
    }
  } },
    h('summary', {}, when(alert.date_created), ' · ', h('a', { href: `/docs/errors/${alert.error_code}`, target: '_blank', rel: 'noopener' }, String(alert.error_code)),
      ` · ${alert.log_level} · ${alert.alert_text}`),
    h('dl', { class: 'fields-list' },
      ['sid', 'resource_sid', 'request_method', 'request_url', 'response_status_code', 'response_body'].flatMap((f) =>
        [h('dt', {}, f), h('dd', { class: 'mono' }, alert[f] === null ? '—' : String(alert[f]))])),
    h('h3', {}, 'Delivery attempts'), attempts, button, status);
  return item;
}

/** After a redelivery, fetches the alert until a new attempt has been recorded (or two minutes pass). */
function follow(page, known, sid, attempts, status, button) {
  const started = Date.now();
  const tick = async () => {
    try {
      const alert = await get(`/v1/Alerts/${sid}`);
      replace(attempts, attemptTable(alert.attempts));
      const last = alert.attempts[alert.attempts.length - 1];
      if (alert.attempts.length > known && last && last.response_status_code >= 200 && last.response_status_code < 300) {
        replace(status, h('p', { class: 'notice' }, `Delivered on attempt ${last.attempt} (HTTP ${last.response_status_code}).`));
        button.disabled = false;
      } else if (Date.now() - started < 120_000) {
        page.later(tick, POLL_MS);
      } else {
        button.disabled = false;
      }
    } catch (e) {
      replace(status, errorBox(e));
      button.disabled = false;
    }
  };
  page.later(tick, POLL_MS);
}

function attemptTable(attempts) {
  if (!attempts.length) return h('p', { class: 'muted' }, 'No callback attempts belong to this alert.');
  return h('table', { class: 'responsive attempts' },
    h('thead', {}, h('tr', {}, ['#', 'Started', 'Duration', 'HTTP status', 'Response', 'Error'].map((t) => h('th', {}, t)))),
    h('tbody', {}, attempts.map((a) => h('tr', {},
      h('td', { 'data-label': '#' }, String(a.attempt)), h('td', { 'data-label': 'Started' }, when(a.started_at)),
      h('td', { 'data-label': 'Duration' }, `${a.duration_ms} ms`),
      h('td', { 'data-label': 'HTTP status', class: 'attempt-status' }, a.response_status_code === null ? '—' : String(a.response_status_code)),
      h('td', { 'data-label': 'Response', class: 'mono' }, a.response_body ?? '—'), h('td', { 'data-label': 'Error' }, a.error ?? '—')))));
}

function secretTable(secrets, message, reload) {
  return h('table', { class: 'responsive', id: 'secrets-table' },
    h('caption', { class: 'muted' }, secrets.length ? '' : 'No webhook secrets: callbacks carry an empty kore-signature.'),
    h('thead', {}, h('tr', {}, ['Id', 'Name', 'Status', 'Created', 'Updated', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, secrets.map((s) => h('tr', {},
      h('td', { class: 'mono', 'data-label': 'Id' }, s.id), h('td', { 'data-label': 'Name' }, s.name ?? '—'),
      h('td', { 'data-label': 'Status' }, s.status), h('td', { 'data-label': 'Created' }, when(s.date_created)),
      h('td', { 'data-label': 'Updated' }, when(s.date_updated)),
      h('td', {}, s.status === 'active' ? null : h('button', { type: 'button', class: 'secondary', onclick: async () => {
        try {
          await post(`/v1/WebhookSecrets/${encodeURIComponent(s.id)}`, { Status: 'active' });
          replace(message, h('p', { class: 'notice' }, `${s.id} now signs callbacks.`));
          await reload();
        } catch (e) {
          replace(message, errorBox(e));
        }
      } }, 'Make active'))))));
}
