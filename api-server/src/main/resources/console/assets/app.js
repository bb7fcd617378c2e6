// The console's entry point: sign-in, the section router (location hash) and the page lifecycle.
import { session, signIn, signOut, whenSessionEnds } from './api.js';
import { h, errorBox, replace, field } from './dom.js';
import { fleetPage } from './fleet.js';
import { simPage } from './sim.js';
import { ratePlansPage } from './rateplans.js';
import { usagePage } from './usage.js';
import { debuggerPage } from './debugger.js';

const view = document.getElementById('view');
let current = null;

/**
 * What a page gets: where to render, whether it is still the page on screen (pollers stop when
 * not), and timers that end with it.
 */
function newPage() {
  if (current) current.close();
  const timers = new Set();
  const page = {
    view,
    open: true,
    close() {
      page.open = false;
      for (const t of timers) clearTimeout(t);
    },
    /** Runs fn after ms while this page is on screen. */
    later(fn, ms) {
      const t = setTimeout(() => {
        timers.delete(t);
        if (page.open) fn();
      }, ms);
      timers.add(t);
    },
  };
  current = page;
  return page;
}

const routes = [
  [/^#\/sims\/([^/]+)$/, 'fleet', (page, m) => simPage(page, decodeURIComponent(m[1]))],
  [/^#\/rate-plans$/, 'rate-plans', (page) => ratePlansPage(page)],
  [/^#\/usage$/, 'usage', (page) => usagePage(page)],
  [/^#\/debugger$/, 'debugger', (page) => debuggerPage(page)],
  [/^(#\/fleet)?$|^#?$/, 'fleet', (page) => fleetPage(page)],
];

function route() {
  const signedIn = session();
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('account').hidden = !signedIn;
  if (!signedIn) {
    signInPage(null);
    return;
  }
  document.getElementById('account-sid').textContent = signedIn.accountSid;
  const hash = location.hash || '#/fleet';
  const match = routes.find(([pattern]) => pattern.test(hash)) || routes[routes.length - 1];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.section === match[1]) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const page = newPage();
  match[2](page, hash.match(match[0])).catch((e) => {
    if (page.open) replace(view, errorBox(e));
  });
}

function signInPage(message) {
  newPage();
  document.getElementById('nav').hidden = true;
  document.getElementById('account').hidden = true;
  const sid = h('input', { type: 'text', name: 'AccountSid', autocomplete: 'username', required: true, spellcheck: 'false' });
  const token = h('input', { type: 'password', name: 'AuthToken', autocomplete: 'current-password', required: true });
  const problems = h('div', { 'aria-live': 'polite' }, message ? h('p', { class: 'notice' }, message) : null);
  const button = h('button', { type: 'submit' }, 'Sign in');
  const formEl = h('form', { id: 'sign-in', onsubmit: async (event) => {
    event.preventDefault();
    button.disabled = true;
    window.consoleSignInAt = performance.now();
    try {
      await signIn(sid.value.trim(), token.value);
      // setting the hash routes through hashchange; an unchanged hash needs a direct call
      if (!location.hash || location.hash === '#/') location.hash = '#/fleet';
      else route();
    } catch (e) {
      replace(problems, errorBox(e));
      button.disabled = false;
    }
  } }, h('h1', {}, 'Sign in'),
  h('p', { class: 'muted' }, 'With your Account SID and Auth Token. They are exchanged for a short-lived access token, kept only in this tab.'),
  field('Account SID', sid), field('Auth Token', token), button, problems);
  replace(view, h('section', { class: 'signin panel' }, formEl));
  sid.focus();
}

// the skip link moves focus without touching the hash, which is the router's
document.querySelector('.skip').addEventListener('click', (event) => {
  event.preventDefault();
  view.focus();
});
document.getElementById('sign-out').addEventListener('click', () => {
  signOut();
  signInPage('You are signed out.');
});
whenSessionEnds(() => signInPage('Your session has expired. Sign in again.'));
window.addEventListener('hashchange', route);
// an access token expires on its own: go back to sign-in when it does
setInterval(() => {
  if (current && current.open && !session() && document.getElementById('sign-in') === null) {
    signInPage('Your session has expired. Sign in again.');
  }
}, 5000);
route();
