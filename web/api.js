// Fetch wrapper for the psirt JSON API: same-origin cookie session, the CSRF
// token on every state change (docs/server.md, "CSRF"), and errors turned into
// ApiError with the server's message so pages can show it to the user.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message, detail, code) {
    super(message);
    this.status = status;
    this.detail = detail;
    this.code = code; // the server's stable error code ("login.failed"), or undefined
  }
}

export function setCsrf(token) {
  csrfToken = token || null;
}

// path: an /api/... path (its parts already encoded with enc()).
// opts: { method, json, body, contentType, query }
export async function api(path, opts = {}) {
  const method = opts.method || 'GET';
  const headers = { Accept: 'application/json' };
  let body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = opts.contentType || 'application/octet-stream';
    body = opts.body;
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let url = path;
  if (opts.query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) {
      if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    }
    const s = q.toString();
    if (s) url += '?' + s;
  }
  let resp;
  try {
    resp = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, String(e && e.message ? e.message : e));
  }
  let data = null;
  const type = resp.headers.get('Content-Type') || '';
  if (type.startsWith('application/json')) {
    try {
      data = await resp.json();
    } catch (e) {
      data = null;
    }
  }
  if (!resp.ok) {
    const msg = data && typeof data.error === 'string' ? data.error : `HTTP ${resp.status}`;
    const detail = data && data.detail !== undefined ? data.detail : undefined;
    const code = data && typeof data.code === 'string' ? data.code : undefined;
    throw new ApiError(resp.status, msg, detail, code);
  }
  return data;
}

// One path segment, percent-encoded (product names may hold '/', ' ', '#').
export function enc(s) {
  return encodeURIComponent(s);
}
