// Building the DOM without markup strings: h() makes an element and appends
// its children as nodes, and strings always as text nodes, so a value from the
// API can never become markup (no innerHTML anywhere in the UI).

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'href') el.setAttribute('href', safeHref(v));
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// Only our own hash routes and http(s) links (references from feeds) become
// links; anything else (javascript:, data:) is shown as text by the caller.
export function safeHref(v) {
  const s = String(v);
  if (s.startsWith('#/')) return s;
  try {
    const u = new URL(s, location.href);
    if (u.protocol === 'https:' || u.protocol === 'http:') return u.href;
  } catch (e) {
    // fall through
  }
  return '#/';
}

export function isWebLink(v) {
  try {
    const u = new URL(String(v));
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch (e) {
    return false;
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

// A table: columns [{ label, cell: row => node or string, class }]
export function table(caption, columns, rows, attrs) {
  return h(
    'table',
    attrs || null,
    caption ? h('caption', null, caption) : null,
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h(
      'tbody',
      null,
      rows.map((r) => h('tr', null, columns.map((c) => h('td', { class: c.class }, c.cell(r)))))
    )
  );
}
