// The console's only way to the API: the public endpoints, a Bearer access token kept in
// sessionStorage (never a cookie or localStorage), errors as ApiError {code, message, status}.

const SESSION_KEY = 'wireless.console.session';
let onSessionEnded = () => {};

// The token endpoint answers errors as RFC 6749 says ({error, error_description}); shown as the
// platform's code of the same meaning, which has a page under /docs/errors.
const OAUTH_CODES = { invalid_client: 20003, invalid_request: 33101, unsupported_grant_type: 33101, invalid_scope: 33101 };

/** One error body of the API: {code, message, more_info, status}, or the token endpoint's OAuth error. */
export class ApiError extends Error {
  constructor(body, status) {
    const oauth = body && body.error ? body : null;
    const message = oauth ? oauth.error_description : body && body.message;
    super(message || `HTTP ${status}`);
    this.code = oauth ? OAUTH_CODES[oauth.error] || null : body && body.code ? body.code : null;
    this.status = body && body.status ? body.status : status;
  }
}

/** Called (once per ending) when the token has expired or was refused: the app shows sign-in again. */
export function whenSessionEnds(handler) {
  onSessionEnded = handler;
}

/** The signed-in session {token, accountSid, expiresAt}, or null when there is none or it expired. */
export function session() {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (!raw) return null;
  const kept = JSON.parse(raw);
  if (Date.now() >= kept.expiresAt) {
    sessionStorage.removeItem(SESSION_KEY);
    return null;
  }
  return kept;
}

/** Exchanges the Account SID and Auth Token for an access token (OAuth2 client credentials). */
export async function signIn(accountSid, authToken) {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: accountSid, client_secret: authToken });
  const response = await fetch('/v1/auth/token', { method: 'POST', body, headers: { Accept: 'application/json' } });
  const token = await read(response);
  const kept = { token: token.access_token, accountSid, expiresAt: Date.now() + token.expires_in * 1000 };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(kept));
  return kept;
}

export function signOut() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** A form body: arrays as repeated keys; null and undefined values left out. */
export function form(fields) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, String(one));
  }
  return body;
}

/** The path and query of an API URL, so a link the server built is followed on this origin. */
export function sameOrigin(url) {
  if (!/^https?:/.test(url)) return url;
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/** One authenticated request; resolves with the JSON body (null for 204), rejects with ApiError. */
export async function call(method, path, fields) {
  const current = session();
  if (!current) {
    ended();
    throw new ApiError({ code: 20003, message: 'The session has ended; sign in again', status: 401 }, 401);
  }
  const init = { method, headers: { Authorization: `Bearer ${current.token}`, Accept: 'application/json' } };
  if (fields) init.body = form(fields);
  const response = await fetch(sameOrigin(path), init);
  if (response.status === 401) {
    signOut();
    ended();
  }
  return read(response);
}

export const get = (path) => call('GET', path);
export const post = (path, fields) => call('POST', path, fields || {});
export const del = (path) => call('DELETE', path);

/** A query string from the given parameters, leaving out empty ones. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') q.append(name, String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Every item of a list, following next_page_url up to maxPages; {items, complete}. */
export async function all(path, key, maxPages = 20) {
  const items = [];
  let next = path;
  for (let page = 0; next && page < maxPages; page++) {
    const body = await get(next);
    items.push(...body[key]);
    next = body.meta.next_page_url;
  }
  return { items, complete: !next };
}

let endedOnce = false;
function ended() {
  if (endedOnce) return;
  endedOnce = true;
  queueMicrotask(() => {
    endedOnce = false;
    onSessionEnded();
  });
}

async function read(response) {
  if (response.status === 204) return null;
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) throw new ApiError(body, response.status);
  return body;
}
