// The shell and a tiny hash router: #/path/segments?query → a page function
// that returns a DOM node. Pages live in pages.js; every string goes through
// i18n.js; every value is put in the DOM as text (dom.js).
import { api, setCsrf, ApiError } from './api.js';
import { t, getLang, setLang, LANGS } from './i18n.js';
import { h, clear } from './dom.js';
import * as pages from './pages.js';

const state = {
  me: null, // GET /api/me answer
  // set when the API describes /api/findings: a server without the findings
  // API gets no nav entry and no #/findings pages
  hasFindings: false,
};

const routes = [
  { re: /^\/$/, page: pages.dashboard },
  { re: /^\/products$/, page: pages.portfolio },
  { re: /^\/products\/([^/]+)$/, page: pages.product },
  { re: /^\/products\/([^/]+)\/versions\/([^/]+)$/, page: pages.version },
  { re: /^\/vulns\/([^/]+)$/, page: pages.vuln },
  { re: /^\/feeds$/, page: pages.feeds },
  { re: /^\/search$/, page: pages.search },
  { re: /^\/findings$/, page: pages.findings, when: () => state.hasFindings },
  { re: /^\/findings\/(\d+)$/, page: pages.finding, when: () => state.hasFindings },
  { re: /^\/tokens$/, page: pages.tokens },
];

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  return { path, query };
}

export function go(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

let renderSeq = 0;

async function render() {
  const seq = ++renderSeq;
  const main = document.getElementById('main');
  const { path, query } = parseHash();
  document.documentElement.lang = getLang();
  if (!state.me && path !== '/login') {
    try {
      state.me = await api('/api/me');
      setCsrf(state.me.csrfToken);
      await probeFindings();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) return showError(main, e);
      sessionStorage.setItem('psirt.after', location.hash || '#/');
      location.replace('#/login');
      return;
    }
  }
  renderHeader();
  if (path === '/login') {
    return mount(main, seq, pages.login({ onLogin }));
  }
  let route = null;
  let m = null;
  for (const r of routes) {
    m = r.re.exec(path);
    if (m && (!r.when || r.when())) {
      route = r;
      break;
    }
  }
  if (!route) return mount(main, seq, pages.notFound());
  clear(main);
  main.appendChild(h('p', { class: 'loading', role: 'status' }, t('loading')));
  let params;
  try {
    params = m.slice(1).map(decodeURIComponent);
  } catch (e) {
    return mount(main, seq, pages.notFound());
  }
  try {
    const node = await route.page({ params, query, me: state.me, go, rerender: render, hasFindings: state.hasFindings });
    mount(main, seq, node);
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof ApiError && e.status === 401) {
      state.me = null;
      location.replace('#/login');
      return;
    }
    showError(main, e);
  }
}

function mount(main, seq, node) {
  if (seq !== renderSeq) return; // a newer navigation won
  clear(main);
  main.appendChild(node);
  const h1 = main.querySelector('h1');
  document.title = h1 ? `${h1.textContent} · ${t('app.title')}` : t('app.title');
  // Move focus to the new page's heading so keyboard and screen reader users
  // start reading there, as after a full page load.
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: false });
  }
}

function showError(main, e) {
  clear(main);
  main.appendChild(pages.errorPage(e));
}

async function probeFindings() {
  try {
    const doc = await api('/api/openapi.json');
    state.hasFindings = !!(doc && doc.paths && doc.paths['/api/findings']);
  } catch (e) {
    state.hasFindings = false;
  }
}

async function onLogin(me) {
  state.me = me;
  setCsrf(me.csrfToken);
  await probeFindings();
  const after = sessionStorage.getItem('psirt.after');
  sessionStorage.removeItem('psirt.after');
  go(after && after !== '#/login' ? after : '#/');
}

async function logout() {
  try {
    await api('/api/logout', { method: 'POST' });
  } catch (e) {
    // the session may have ended already; log out locally anyway
  }
  state.me = null;
  setCsrf(null);
  go('#/login');
}

function renderHeader() {
  document.getElementById('skip').textContent = t('skip');
  const header = document.getElementById('top');
  clear(header);
  const { path } = parseHash();
  const link = (hash, key, active) =>
    h('a', { href: hash, 'aria-current': active ? 'page' : null }, t(key));
  const me = state.me;
  const langSelect = h(
    'select',
    {
      id: 'lang',
      onchange: (ev) => {
        setLang(ev.target.value);
        render().then(() => document.getElementById('lang').focus());
      },
    },
    LANGS.map((l) => h('option', { value: l.code, selected: l.code === getLang(), lang: l.code }, l.label))
  );
  header.appendChild(
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: '#/' }, t('app.title')),
      me
        ? h(
            'nav',
            { 'aria-label': t('nav.label') },
            h(
              'ul',
              null,
              h('li', null, link('#/', 'nav.dashboard', path === '/')),
              h('li', null, link('#/products', 'nav.portfolio', path.startsWith('/products'))),
              // hidden when the API has no /api/findings
              state.hasFindings
                ? h('li', null, link('#/findings', 'nav.findings', path.startsWith('/findings')))
                : null,
              h('li', null, link('#/feeds', 'nav.feeds', path === '/feeds')),
              h('li', null, link('#/tokens', 'nav.tokens', path === '/tokens'))
            )
          )
        : null,
      me ? searchForm() : null,
      h('div', { class: 'lang' }, h('label', { for: 'lang' }, t('lang.label')), langSelect),
      me
        ? h(
            'div',
            { class: 'user' },
            h('span', null, t('user.signedIn', { name: me.name, role: me.role })),
            h('button', { type: 'button', class: 'link', onclick: logout }, t('user.logout'))
          )
        : null
    )
  );
}

const VULN_ID = /^(CVE-\d{4}-\d{4,}|JVNDB-\d{4}-\d{6}|GHSA(-[23456789cfghjmpqrvwx]{4}){3})$/i;

function searchForm() {
  const input = h('input', {
    id: 'q',
    type: 'search',
    name: 'q',
    placeholder: t('search.placeholder2'),
    autocomplete: 'off',
    maxlength: 256,
  });
  return h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (ev) => {
        ev.preventDefault();
        const q = input.value.trim();
        if (!q) return;
        if (VULN_ID.test(q)) {
          const id = /^GHSA/i.test(q) ? 'GHSA' + q.slice(4).toLowerCase() : q.toUpperCase();
          go('#/vulns/' + encodeURIComponent(id));
        } else {
          go('#/search?q=' + encodeURIComponent(q));
        }
      },
    },
    h('label', { for: 'q', class: 'visually-hidden' }, t('search.label')),
    input,
    h('button', { type: 'submit' }, t('search.button'))
  );
}

// The skip link must not change the hash (that is the router's): it moves
// focus to the page instead.
document.getElementById('skip').addEventListener('click', (ev) => {
  ev.preventDefault();
  const main = document.getElementById('main');
  (main.querySelector('h1') || main).focus();
});
window.addEventListener('hashchange', render);
document.documentElement.lang = getLang();
render();
