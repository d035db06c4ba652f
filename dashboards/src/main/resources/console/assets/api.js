// One login for every page: POST /login gives a bearer token kept for this browser tab only.
const TOKEN = 'yg.token';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** A catalogue code for a refusal that came without the API's body (a proxy, the network). */
export function codeOf(status) {
  return { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 429: 'too_many_requests' }[status]
    || (status >= 500 ? 'internal_error' : 'bad_request');
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function logout() {
  sessionStorage.removeItem(TOKEN);
}

export async function login(username, password) {
  const r = await fetch('/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status === 429) {
    // too many failed logins: the service says how long to wait (Retry-After, seconds)
    const e = new ApiError(429, 'too_many_login_attempts', 'too many failed logins', 'username');
    e.retryAfter = Number(r.headers.get('Retry-After')) || 60;
    throw e;
  }
  if (!r.ok) throw new ApiError(r.status, 'login_failed', 'login failed', null);
  const body = await r.json();
  sessionStorage.setItem(TOKEN, body.access_token);
}

/**
 * A reason for the X-Reason header. HTTP headers carry Latin-1 only, so a Chinese reason is sent
 * percent-encoded (UTF-8); the service records it as sent.
 */
export function headerText(text) {
  return /^[\x20-\x7e]*$/.test(text) ? text : encodeURIComponent(text);
}

async function request(method, path, body, contentType, extraHeaders) {
  const headers = Object.assign({ Accept: 'application/json', Authorization: 'Bearer ' + token() }, extraHeaders || {});
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = contentType ? body : JSON.stringify(body);
  }
  const r = await fetch(path, { method, headers, body: payload });
  const text = await r.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!r.ok) {
    if (r.status === 401) {
      logout();
      window.dispatchEvent(new Event('yg:unauthorized'));
    }
    const d = data && typeof data === 'object' ? data : {};
    throw new ApiError(r.status, d.code || codeOf(r.status), d.message || d.error || text || r.statusText, d.field || null);
  }
  return data;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body);
export const postText = (path, text, reason) => request('POST', path, text, 'text/csv', { 'X-Reason': headerText(reason) });

/** Downloads an authenticated file (the browser cannot add the token to a plain link). */
export async function download(path, filename) {
  const r = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
  if (!r.ok) {
    const text = await r.text();
    let d = {};
    try { d = JSON.parse(text) || {}; } catch (e) { /* not the API's error body */ }
    throw new ApiError(r.status, d.code || codeOf(r.status), d.message || text, d.field || null);
  }
  save(await r.blob(), filename);
}

/** POSTs JSON and saves the answer as a file (a PDF made on request, e.g. a household's QR cards). */
export async function postDownload(path, body, filename) {
  const r = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/pdf, application/json', Authorization: 'Bearer ' + token() },
    body: JSON.stringify(body),
  });
  if (!r.ok) {
    let d = {};
    try { d = await r.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(r.status, d.code || codeOf(r.status), d.message || r.statusText, d.field || null);
  }
  save(await r.blob(), filename);
}

function save(blob, filename) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/**
 * Server-sent events over fetch (EventSource cannot send the Authorization header). Calls onEvent(name, data)
 * for each event until signal aborts; reconnects after a pause when the stream ends.
 */
export async function stream(path, onEvent, signal) {
  while (!signal.aborted) {
    try {
      const r = await fetch(path, { headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + token() }, signal });
      if (!r.ok || !r.body) throw new Error('stream ' + r.status);
      const reader = r.body.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const chunk = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let name = 'message';
          const data = [];
          for (const line of chunk.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length) onEvent(name, data.join('\n'));
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      onEvent('unavailable', String(e.message || e));
    }
    await new Promise((res) => setTimeout(res, 3000));
  }
}
