// The pages. Each takes { params, query, me, go, rerender } and returns (a
// promise of) one DOM node; data from the API only ever enters as text.
import { api, enc, ApiError } from './api.js';
import { t, fmtDate, fmtNum, getLang } from './i18n.js';
import { h, table, isWebLink } from './dom.js';

const none = () => t('none');
const val = (v) => (v === null || v === undefined || v === '' ? none() : String(v));

function page(titleText, ...body) {
  return h('div', { class: 'page' }, h('h1', null, titleText), ...body);
}

function section(title, ...body) {
  return h('section', null, h('h2', null, title), ...body);
}

function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(Boolean).map(([k, v]) => [h('dt', null, k), h('dd', null, v)])
  );
}

function vulnLink(id) {
  return h('a', { href: '#/vulns/' + enc(id) }, id);
}

function productHref(name) {
  return '#/products/' + enc(name);
}

function versionHref(product, version) {
  return productHref(product) + '/versions/' + enc(version);
}

// A count in words: KEY.one for exactly one where the language has it
// (every language defines KEY.one, Japanese as KEY itself).
function tn(key, n, vars) {
  return t(n === 1 ? key + '.one' : key, Object.assign({ n: fmtNum(n) }, vars || {}));
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

// "END OF SUPPORT" when eos (YYYY-MM-DD) is before today (ended: the
// server's verdict where it gave one).
function eosBadge(eos, ended) {
  if (!eos) return null;
  const past = ended === undefined ? String(eos).slice(0, 10) < today() : ended;
  return past ? h('span', { class: 'badge eos', title: t('badge.eosTitle', { date: fmtDate(eos) }) }, t('badge.eos')) : null;
}

function embargoBadge(on) {
  return on ? h('span', { class: 'badge embargoed' }, t('badge.embargoed')) : null;
}

export function errorPage(e) {
  return page(t('error.title'), h('p', { class: 'error', role: 'alert' }, apiErrorText(e)));
}

export function notFound() {
  return page(t('error.title'), h('p', null, t('error.notFound')));
}

function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, apiErrorText(e));
}

// --- login -----------------------------------------------------------------

export function login({ onLogin }) {
  const name = h('input', { id: 'login-name', name: 'username', autocomplete: 'username', required: true, maxlength: 64 });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 1024,
  });
  const submit = h('button', { type: 'submit' }, t('login.submit'));
  const status = h('div', { class: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'login',
      onsubmit: async (ev) => {
        ev.preventDefault();
        submit.disabled = true;
        submit.textContent = t('login.busy');
        status.replaceChildren();
        try {
          const me = await api('/api/login', { method: 'POST', json: { name: name.value, password: password.value } });
          await onLogin(me);
        } catch (e) {
          status.replaceChildren(errorBox(e));
          submit.disabled = false;
          submit.textContent = t('login.submit');
          password.value = '';
          password.focus();
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'login-name' }, t('login.name')), name),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, t('login.password')), password),
    submit,
    status
  );
  return page(t('login.title'), form);
}

// --- dashboard -------------------------------------------------------------

export async function dashboard({ hasFindings }) {
  // the trend comes with the findings figures; a server without the route
  // (older) just has no chart
  const [d, trend] = await Promise.all([
    api('/api/dashboard'),
    hasFindings ? api('/api/dashboard/trend?days=' + TREND_DAYS).catch(() => null) : null,
  ]);
  const figures = [
    ['dash.products', d.products, '#/products'],
    ['dash.versions', d.versions],
    ['dash.components', d.components],
    ['dash.vulnerabilities', d.vulnerabilities],
    ['dash.kev', d.kev],
    ['dash.epss', d.epss],
    ['dash.withdrawn', d.withdrawn],
  ];
  if (d.embargoed !== undefined) figures.push(['dash.embargoed', d.embargoed]);
  return page(
    t('dash.title'),
    h(
      'ul',
      { class: 'figures' },
      figures.map(([key, n, href]) =>
        h(
          'li',
          null,
          h('span', { class: 'figure' }, fmtNum(n)),
          ' ',
          href ? h('a', { href, class: 'figure-label' }, t(key)) : h('span', { class: 'figure-label' }, t(key))
        )
      )
    ),
    h('p', { class: 'muted' }, t('dash.generated', { at: fmtDate(d.generated) })),
    d.findings ? findingsFigures(d.findings) : hasFindings ? null : h('p', { class: 'note' }, t('dash.findingsLater')),
    d.findings && trend ? trendSection(trend) : null
  );
}

// --- the trend chart --------------------------------------------------------
// Open findings per day (GET /api/dashboard/trend) drawn with uPlot, which
// psirt serves itself at /vendor/uplot/ (web/package.json, installed by
// `make setup`). Without it the figures are shown as a table with a note. The
// chart is an image to assistive technology (role img with a summary as its
// label); the table below it holds every figure for keyboard and screen
// reader users.

const TREND_DAYS = 90;
let uplotLoad = null;

// The uPlot constructor, or null when the server does not have it.
function loadUplot() {
  if (!uplotLoad) {
    uplotLoad = import('/vendor/uplot/uPlot.esm.js').then(
      (m) => {
        if (!document.querySelector('link[data-uplot]')) {
          document.head.appendChild(h('link', { rel: 'stylesheet', href: '/vendor/uplot/uPlot.min.css', 'data-uplot': true }));
        }
        return m.default;
      },
      () => {
        uplotLoad = null; // try again on the next visit (setup may run meanwhile)
        return null;
      }
    );
  }
  return uplotLoad;
}

const JA_NAMES = {
  MMMM: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  MMM: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  WWWW: ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'],
  WWW: ['日', '月', '火', '水', '木', '金', '土'],
};

function trendSection(tr) {
  const n = tr.days.length;
  const rows = tr.days.map((day, i) => ({ day, open: tr.open[i], opened: tr.opened[i], closed: tr.closed[i] }));
  const vars = {
    n: fmtNum(n),
    from: fmtDate(tr.from),
    to: fmtDate(tr.to),
    first: fmtNum(tr.open[0]),
    open: fmtNum(tr.open[n - 1]),
    opened: fmtNum(tr.opened.reduce((a, b) => a + b, 0)),
    closed: fmtNum(tr.closed.reduce((a, b) => a + b, 0)),
  };
  const chart = h('div', { class: 'trend-chart', id: 'trend-chart', role: 'img', 'aria-label': t('trend.aria', vars), 'data-days': n });
  const note = h('p', { class: 'note', id: 'trend-note', hidden: true }, t('trend.noChart'));
  const details = h(
    'details',
    { id: 'trend-details' },
    h('summary', null, t('trend.showTable')),
    h(
      'div',
      { class: 'trend-table', tabindex: 0, role: 'region', 'aria-label': t('trend.tableCaption') },
      table(
        t('trend.tableCaption'),
        [
          { label: t('trend.day'), cell: (r) => fmtDate(r.day) },
          { label: t('trend.open'), cell: (r) => fmtNum(r.open), class: 'num' },
          { label: t('trend.opened'), cell: (r) => fmtNum(r.opened), class: 'num' },
          { label: t('trend.closed'), cell: (r) => fmtNum(r.closed), class: 'num' },
        ],
        rows,
        { id: 'trend-table' }
      )
    )
  );
  loadUplot().then((uPlot) => {
    if (!uPlot) {
      chart.hidden = true;
      note.hidden = false;
      details.open = true;
      return;
    }
    drawTrend(uPlot, chart, tr);
  });
  return section(t('trend.title'), h('p', { class: 'muted', id: 'trend-summary' }, t('trend.summary', vars)), chart, note, details);
}

function drawTrend(uPlot, el, tr) {
  // uPlot measures its container: wait until the page is in the document
  if (!el.isConnected) {
    requestAnimationFrame(() => drawTrend(uPlot, el, tr));
    return;
  }
  const width = () => Math.max(300, Math.min(el.clientWidth || 800, 1200));
  const x = tr.days.map((d) => Date.parse(d + 'T00:00:00Z') / 1000);
  const opts = {
    width: width(),
    height: 260,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    fmtDate: (tpl) => uPlot.fmtDate(tpl, getLang() === 'ja' ? JA_NAMES : undefined),
    cursor: { drag: { x: false, y: false } },
    scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{}, { values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? fmtNum(v) : '')) }],
    series: [
      { label: t('trend.day'), value: (u, v) => (v === null ? '—' : fmtDate(new Date(v * 1000).toISOString().slice(0, 10))) },
      { label: t('trend.open'), stroke: '#0b57a4', width: 2, fill: 'rgba(11, 87, 164, 0.12)', points: { show: false } },
      { label: t('trend.opened'), stroke: '#d35400', width: 1, dash: [4, 3], points: { show: false } },
      { label: t('trend.closed'), stroke: '#1e8449', width: 1, dash: [2, 2], points: { show: false } },
    ],
  };
  const u = new uPlot(opts, [x, tr.open, tr.opened, tr.closed], el);
  el.dataset.points = String(u.data[0].length);
  const onResize = () => {
    if (!el.isConnected) {
      window.removeEventListener('resize', onResize);
      u.destroy();
      return;
    }
    u.setSize({ width: width(), height: 260 });
  };
  window.addEventListener('resize', onResize);
}

// Open findings by priority and response class, KEV-listed, overdue, the
// versions and units in the field they reach, the most affected products.
function findingsFigures(f) {
  const fig = (n, key, href, cls) =>
    h(
      'li',
      { class: cls || null },
      h('span', { class: 'figure' }, fmtNum(n)),
      ' ',
      href ? h('a', { href, class: 'figure-label' }, t(key)) : h('span', { class: 'figure-label' }, t(key))
    );
  return section(
    t('dash.findings'),
    h(
      'ul',
      { class: 'figures', id: 'findings-figures' },
      fig(f.open, 'dash.open', '#/findings?state=open'),
      fig(f.kev, 'dash.kevOpen', '#/findings?state=open&kev=true'),
      fig(f.overdue, 'dash.overdue', '#/findings?overdue=true', f.overdue ? 'alert' : null),
      fig(f.versionsAffected, 'dash.versionsAffected'),
      fig(f.unitsAffected, 'dash.unitsAffected')
    ),
    f.versionsUnitsUnknown ? h('p', { class: 'muted' }, tn('dash.unitsUnknown', f.versionsUnitsUnknown)) : null,
    h(
      'div',
      { class: 'columns' },
      table(
        t('dash.byPriority'),
        [
          { label: t('col.priority'), cell: (r) => (r.p ? priorityBadge(r.p) : t('findings.untriaged')) },
          { label: t('col.open'), cell: (r) => (r.p ? h('a', { href: '#/findings?state=open&priority=' + r.p }, fmtNum(r.n)) : fmtNum(r.n)), class: 'num' },
        ],
        [1, 2, 3, 4].map((p) => ({ p, n: f.byPriority['P' + p] })).concat(f.byPriority.untriaged ? [{ p: 0, n: f.byPriority.untriaged }] : [])
      ),
      table(
        t('dash.byClass'),
        [
          { label: t('col.class'), cell: (r) => (r.class ? classBadge(r.class) : t('findings.untriaged')) },
          { label: t('col.open'), cell: (r) => fmtNum(r.open), class: 'num' },
        ],
        f.byClass
      ),
      table(
        t('dash.topProducts'),
        [
          { label: t('col.productName'), cell: (r) => h('a', { href: '#/findings?state=open&product=' + encodeURIComponent(r.product) }, r.product) },
          { label: t('col.open'), cell: (r) => fmtNum(r.open), class: 'num' },
          { label: t('col.versions'), cell: (r) => fmtNum(r.versions), class: 'num' },
          { label: t('col.units'), cell: (r) => (r.units === null ? none() : fmtNum(r.units)), class: 'num' },
        ],
        f.topProducts
      )
    )
  );
}

// --- findings ----------------------------------------------------------------

const STATES = ['in_triage', 'affected', 'not_affected', 'fixed', 'false_positive'];
const JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
];

function priorityBadge(p) {
  return p ? h('span', { class: 'badge p' + p, title: t('col.priority') }, 'P' + p) : h('span', { class: 'badge' }, t('findings.untriaged'));
}

function classBadge(c) {
  return h('span', { class: 'badge class' }, t('class.' + c) === 'class.' + c ? c : t('class.' + c));
}

function stateBadge(s) {
  return h('span', { class: 'badge state-' + s }, t('state.' + s));
}

function deadlineCell(f) {
  if (!f.deadline) return none();
  return [fmtDate(f.deadline), f.overdue ? [' ', h('span', { class: 'badge overdue' }, t('findings.overdue'))] : null];
}

function componentText(f) {
  return f.component ? f.component : t('findings.productItself');
}

function findingsTable(items, opts) {
  const cols = [
    { label: t('col.id'), cell: (f) => h('a', { href: '#/findings/' + f.id }, '#' + f.id) },
    { label: t('col.priority'), cell: (f) => priorityBadge(f.priority) },
    { label: t('col.class'), cell: (f) => (f.responseClass ? classBadge(f.responseClass) : none()) },
    { label: t('col.deadline'), cell: deadlineCell },
    { label: t('col.state'), cell: (f) => stateBadge(f.state) },
  ];
  if (!opts || !opts.noVersion) {
    cols.push({ label: t('col.product'), cell: (f) => [h('a', { href: versionHref(f.product, f.version) }, f.product + ' ' + f.version), f.supportEnded ? [' ', eosBadge(f.eos, true)] : null] });
  }
  cols.push(
    { label: t('col.component'), cell: componentText },
    { label: t('col.vulnerability'), cell: (f) => [vulnLink(f.vulnerability), f.kev ? [' ', h('span', { class: 'badge kev-badge' }, 'KEV')] : null, f.embargoed ? [' ', embargoBadge(true)] : null] },
    { label: t('col.reason'), cell: reasonCell, class: 'reason' }
  );
  return h('div', { class: 'scroll' }, table(null, cols, items, { class: 'findings' }));
}

const FINDINGS_PAGE = 50;
// The sorts the API pages by keyset (after=the last finding's id, its next):
// one page's cost at any depth, where an offset reads every finding it skips.
const KEYSET_SORTS = ['', 'priority', 'deadline'];
// The API pages forward only: the cursor of the page before each keyset page
// seen in this tab, for "previous" (a reloaded deep page offers the first).
const findingsBefore = new Map();

// A page size from the address (?limit=N, 1 to 1000), else def.
function pageSize(query, def) {
  const n = parseInt(query.get('limit') || '', 10);
  return n >= 1 && n <= 1000 ? n : def;
}

export async function findings({ query, go }) {
  const get = (k) => query.get(k) || '';
  const filters = {
    product: get('product'),
    version: get('version'),
    state: get('state'),
    priority: get('priority'),
    kev: get('kev'),
    overdue: get('overdue'),
    sort: get('sort'),
  };
  const limit = pageSize(query, FINDINGS_PAGE);
  const keyset = KEYSET_SORTS.includes(filters.sort);
  const after = keyset ? get('after') : '';
  // where this page starts: for the address and the range shown only when
  // paging by keyset (the API does not need it)
  const offset = Math.max(0, parseInt(get(keyset ? 'at' : 'offset') || '0', 10) || 0);
  // a product (or version) the store does not have is a 404: said above the
  // filters, which stay usable
  let res;
  let notFoundBox = null;
  try {
    res = await api('/api/findings', {
      query: Object.assign({}, filters, { limit: query.get('limit') ? limit : FINDINGS_PAGE }, keyset ? { after } : { offset }),
    });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    res = { items: [], total: 0 };
    notFoundBox = errorBox(e);
  }
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const select = (id, value, options) =>
    h('select', { id, name: id }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  const product = h('input', { id: 'f-product', name: 'product', value: filters.product, maxlength: 256 });
  const state = select('f-state', filters.state, [['', t('findings.any')], ['open', t('state.open')]].concat(STATES.concat(['withdrawn']).map((s) => [s, t('state.' + s)])));
  const priority = select('f-priority', filters.priority, [['', t('findings.any')], ['1', 'P1'], ['2', 'P2'], ['3', 'P3'], ['4', 'P4']]);
  const sort = select('f-sort', filters.sort, ['priority', 'deadline', 'product', 'vulnerability', 'first_seen'].map((s) => [s === 'priority' ? '' : s, t('sort.' + s)]));
  const kev = h('input', { id: 'f-kev', type: 'checkbox', checked: filters.kev === 'true' });
  const overdue = h('input', { id: 'f-overdue', type: 'checkbox', checked: filters.overdue === 'true' });
  const hrefWith = (extra) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(Object.assign({}, filters, extra))) if (v) q.set(k, v);
    const s = q.toString();
    return '#/findings' + (s ? '?' + s : '');
  };
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (ev) => {
        ev.preventDefault();
        go(
          hrefWith({
            product: product.value.trim(),
            version: product.value.trim() === filters.product ? filters.version : '',
            state: state.value,
            priority: priority.value,
            sort: sort.value,
            kev: kev.checked ? 'true' : '',
            overdue: overdue.checked ? 'true' : '',
            offset: '',
            after: '',
            at: '',
          })
        );
      },
    },
    field('f-product', t('findings.productFilter'), product),
    field('f-state', t('col.state'), state),
    field('f-priority', t('col.priority'), priority),
    field('f-sort', t('findings.sort'), sort),
    h('div', { class: 'field check' }, kev, h('label', { for: 'f-kev' }, t('findings.kevOnly'))),
    h('div', { class: 'field check' }, overdue, h('label', { for: 'f-overdue' }, t('findings.overdueOnly'))),
    h('button', { type: 'submit' }, t('findings.apply'))
  );
  if (query.get('limit')) filters.limit = String(limit);
  let pager;
  if (keyset) {
    // next: after this page's last finding; previous: the cursor that led
    // here, when this tab came that way; first: no cursor
    const key = (cursor) => JSON.stringify(filters) + '|' + cursor;
    const before = findingsBefore.get(key(after));
    if (res.next) findingsBefore.set(key(String(res.next)), { after, at: String(offset) });
    pager = h(
      'nav',
      { class: 'pager', 'aria-label': t('findings.count', { n: res.total }) },
      after && !(before && !before.after) ? h('a', { href: hrefWith({}), id: 'findings-first' }, t('findings.firstPage')) : null,
      before ? h('a', { href: hrefWith({ after: before.after, at: before.after ? before.at : '' }), id: 'findings-prev' }, t('portfolio.prev')) : null,
      res.next ? h('a', { href: hrefWith({ after: String(res.next), at: String(offset + res.items.length) }), id: 'findings-next' }, t('portfolio.next')) : null
    );
  } else {
    pager = h(
      'nav',
      { class: 'pager', 'aria-label': t('findings.count', { n: res.total }) },
      offset > 0 ? h('a', { href: hrefWith({ offset: String(Math.max(0, offset - limit)) }), id: 'findings-prev' }, t('portfolio.prev')) : null,
      offset + res.items.length < res.total ? h('a', { href: hrefWith({ offset: String(offset + limit) }), id: 'findings-next' }, t('portfolio.next')) : null
    );
  }
  return page(
    t('findings.title'),
    form,
    notFoundBox,
    h(
      'p',
      { class: 'muted', id: 'findings-count' },
      tn('findings.count', res.total),
      res.items.length && res.items.length < res.total ? ' · ' + t('findings.range', { from: fmtNum(offset + 1), to: fmtNum(offset + res.items.length) }) : null,
      filters.version ? ' · ' + filters.product + ' ' + filters.version : null
    ),
    res.items.length ? findingsTable(res.items) : h('p', null, t('findings.empty')),
    pager
  );
}

function ssvcPath(path, parts) {
  if (!path) return [h('p', null, t('finding.noSsvc')), ssvcInputList(parts)];
  return h(
    'ol',
    { class: 'ssvc-path' },
    path.map((s) =>
      h(
        'li',
        { class: 'depth' + s.depth },
        h('strong', null, ssvcPointName(s), ' (', s.key, ')'),
        ' = ',
        ssvcValueName(s),
        ' ',
        h('span', { class: 'badge origin' }, t('origin.' + s.origin)),
        s.source ? [' ', h('span', { class: 'muted', title: s.source }, ssvcSourceText(s))] : null
      )
    )
  );
}

// The inputs known and the ones missing, when the tree has no outcome.
function ssvcInputList(parts) {
  if (!parts) return null;
  const known = parts.known || [];
  const missing = parts.missing || [];
  return h(
    'ul',
    { class: 'ssvc-inputs', id: 'ssvc-inputs' },
    known.map((s) =>
      h(
        'li',
        null,
        h('strong', null, ssvcPointName(s), ' (', s.key, ')'),
        ' = ',
        ssvcValueName(s),
        ' ',
        h('span', { class: 'badge origin' }, t('origin.' + s.origin)),
        s.source ? [' ', h('span', { class: 'muted', title: s.source }, ssvcSourceText(s))] : null
      )
    ),
    missing.map((s) =>
      h(
        'li',
        null,
        h('strong', null, ssvcPointName(s), ' (', s.key, ')'),
        ' = ',
        none(),
        ' ',
        h('span', { class: 'badge origin' }, t('origin.unset')),
        has('ssvc.missingHint.' + s.key) ? [' ', h('span', { class: 'muted' }, t('ssvc.missingHint.' + s.key))] : null
      )
    )
  );
}

// The SSVC row of the finding page: the outcome, or what it lacks.
function ssvcOutcome(f) {
  if (f.ssvc) return tOr('ssvc.outcome.' + f.ssvc.toLowerCase(), f.ssvc);
  const miss = (f.ssvcInputParts && f.ssvcInputParts.missing) || [];
  if (!miss.length) return none();
  return t('ssvc.undecided', { missing: miss.map((m) => ssvcPointName(m) + ' (' + m.key + ')').join(t('reason.sep')) });
}

function evidenceList(ev, f) {
  if (!ev || !ev.length) return none();
  return h(
    'ul',
    { class: 'evidence', id: 'finding-evidence' },
    ev.map((e) => h('li', null, typeof e === 'string' ? e : evidenceSentence(e, f)))
  );
}

function historyTable(hist) {
  return table(
    null,
    [
      { label: t('col.when'), cell: (x) => fmtDate(x.at) },
      { label: t('col.by'), cell: (x) => val(x.actor) },
      { label: t('col.field'), cell: histField },
      { label: t('col.change'), cell: (x) => [histValue(x, 'old'), ' → ', histValue(x, 'new')] },
      { label: t('col.comment'), cell: histComment },
    ],
    hist,
    { class: 'history', id: 'finding-history' }
  );
}

function mayAnalyse(me) {
  if (!me) return false;
  return me.role === 'admin' || me.role === 'analyst' || me.role === 'engineer';
}

function analysisForm(f, rerender) {
  const state = h(
    'select',
    { id: 'a-state', name: 'state' },
    STATES.map((s) => h('option', { value: s, selected: s === f.state }, t('state.' + s)))
  );
  const just = h(
    'select',
    { id: 'a-justification', name: 'justification' },
    h('option', { value: '' }, t('finding.chooseJustification')),
    JUSTIFICATIONS.map((j) => h('option', { value: j, selected: j === f.justification }, t('just.' + j)))
  );
  const justField = h('div', { class: 'field' }, h('label', { for: 'a-justification' }, t('col.justification')), just);
  const comment = h('textarea', { id: 'a-comment', name: 'comment', rows: 3, maxlength: 2000 }, f.comment || '');
  const scope = h(
    'select',
    { id: 'a-scope', name: 'scope' },
    h('option', { value: 'version' }, t('scope.version')),
    h('option', { value: 'product' }, t('scope.product'))
  );
  const submit = h('button', { type: 'submit' }, t('finding.save'));
  const status = h('div', { 'aria-live': 'polite' });
  const sync = () => {
    justField.hidden = state.value !== 'not_affected';
  };
  state.addEventListener('change', sync);
  sync();
  return h(
    'form',
    {
      class: 'analysis',
      onsubmit: async (ev) => {
        ev.preventDefault();
        submit.disabled = true;
        status.replaceChildren();
        const body = { state: state.value, scope: scope.value };
        if (state.value === 'not_affected') body.justification = just.value || null;
        if (comment.value.trim()) body.comment = comment.value.trim();
        try {
          await api('/api/findings/' + f.id + '/analysis', { method: 'POST', json: body });
          await rerender();
        } catch (e) {
          status.replaceChildren(errorBox(e));
          submit.disabled = false;
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'a-state' }, t('col.state')), state),
    justField,
    h('div', { class: 'field' }, h('label', { for: 'a-comment' }, t('col.comment')), comment),
    h('div', { class: 'field' }, h('label', { for: 'a-scope' }, t('finding.scope')), scope),
    submit,
    status
  );
}

export async function finding({ params, me, rerender }) {
  const f = await api('/api/findings/' + enc(params[0]));
  return page(
    t('finding.title', { id: f.id, vuln: f.vulnerability }),
    h('p', { class: 'crumbs' }, h('a', { href: '#/findings' }, t('findings.title')), ' › ', h('a', { href: versionHref(f.product, f.version) }, f.product + ' ' + f.version)),
    h(
      'p',
      { class: 'badges' },
      priorityBadge(f.priority),
      ' ',
      f.responseClass ? classBadge(f.responseClass) : null,
      ' ',
      stateBadge(f.state),
      f.kev ? [' ', h('span', { class: 'badge kev-badge' }, 'KEV')] : null,
      f.overdue ? [' ', h('span', { class: 'badge overdue' }, t('findings.overdue'))] : null,
      f.embargoed ? [' ', embargoBadge(true)] : null,
      f.supportEnded ? [' ', eosBadge(f.eos, true)] : null
    ),
    f.reason ? h('p', { class: 'reason', id: 'finding-reason', title: f.reason }, reasonText(f.reasonParts, f.reason)) : null,
    facts([
      [t('col.vulnerability'), vulnLink(f.vulnerability)],
      [t('col.product'), h('a', { href: versionHref(f.product, f.version) }, f.product + ' ' + f.version)],
      [t('col.eos'), [fmtDate(f.eos), f.supportEnded ? [' ', eosBadge(f.eos, true)] : null]],
      [t('col.component'), componentText(f)],
      [t('col.purl'), f.purl ? h('code', null, f.purl) : none()],
      [t('col.deadline'), deadlineCell(f)],
      [t('col.state'), stateBadge(f.state)],
      f.justification ? [t('col.justification'), t('just.' + f.justification)] : null,
      f.comment ? [t('col.comment'), f.comment] : null,
      [t('col.units'), f.units === null ? none() : fmtNum(f.units)],
      [t('finding.ssvc'), h('span', { id: 'finding-ssvc' }, ssvcOutcome(f))],
      [t('finding.firstSeen'), fmtDate(f.firstSeen)],
      [t('finding.lastSeen'), fmtDate(f.lastSeen)],
      [t('finding.policy'), f.policy ? h('code', null, f.policy.slice(0, 16)) : none()],
    ]),
    section(
      t('finding.evidence'),
      h('p', { class: 'muted' }, t('finding.matchedBy', { source: tOr('source.' + f.source, f.source), record: f.record, confidence: tOr('ev.conf.' + f.confidence, f.confidence) })),
      evidenceList(f.evidence, f)
    ),
    section(
      t('vuln.scores'),
      f.scores && f.scores.length
        ? table(
            null,
            [
              { label: t('col.source'), cell: (s) => scoreSourceCell(s.feed, s.source) },
              { label: t('col.score'), cell: (s) => (s.baseScore === null ? none() : String(s.baseScore)), class: 'num' },
              { label: t('col.severity'), cell: (s) => severityText(s.severity) },
              { label: t('col.vector'), cell: (s) => (s.vector ? h('code', null, s.vector) : none()) },
            ],
            f.scores
          )
        : h('p', null, t('vuln.noScores')),
      h(
        'p',
        null,
        t('vuln.epss'),
        ': ',
        f.epss ? t('finding.epssValue', { score: (f.epss.score * 100).toFixed(2), pct: (f.epss.percentile * 100).toFixed(2) }) : none(),
        ' · KEV: ',
        f.kevDateAdded ? fmtDate(f.kevDateAdded) : t('no')
      )
    ),
    section(t('finding.ssvcPath'), ssvcPath(f.ssvcPath, f.ssvcInputParts)),
    mayAnalyse(me) ? section(t('finding.analysis'), analysisForm(f, rerender)) : null,
    section(t('finding.history'), f.history && f.history.length ? historyTable(f.history) : none())
  );
}

// --- portfolio -------------------------------------------------------------

function productTable(items) {
  return table(
    null,
    [
      { label: t('col.name'), cell: (p) => h('a', { href: productHref(p.name) }, p.name) },
      { label: t('col.vendor'), cell: (p) => val(p.vendor) },
      { label: t('col.versions'), cell: (p) => fmtNum(p.versionCount), class: 'num' },
      { label: t('col.owner'), cell: (p) => val(p.owner) },
      { label: t('col.updated'), cell: (p) => fmtDate(p.updated) },
    ],
    items
  );
}

const PAGE = 50;

export async function portfolio({ query, go }) {
  const q = query.get('q') || '';
  const offset = Math.max(0, parseInt(query.get('offset') || '0', 10) || 0);
  const res = await api('/api/products', { query: { q, limit: PAGE, offset } });
  const filter = h('input', { id: 'filter', type: 'search', value: q, maxlength: 256 });
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: (ev) => {
        ev.preventDefault();
        const v = filter.value.trim();
        go('#/products' + (v ? '?q=' + encodeURIComponent(v) : ''));
      },
    },
    h('label', { for: 'filter' }, t('portfolio.filter')),
    filter,
    h('button', { type: 'submit' }, t('portfolio.filterButton'))
  );
  const pageHref = (off) =>
    '#/products?' + new URLSearchParams(Object.assign(q ? { q } : {}, { offset: String(off) })).toString();
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': t('portfolio.count', { n: res.total }) },
    offset > 0 ? h('a', { href: pageHref(Math.max(0, offset - PAGE)) }, t('portfolio.prev')) : null,
    offset + res.items.length < res.total ? h('a', { href: pageHref(offset + PAGE) }, t('portfolio.next')) : null
  );
  return page(
    t('portfolio.title'),
    form,
    h('p', { class: 'muted' }, tn('portfolio.count', res.total)),
    res.items.length ? productTable(res.items) : h('p', null, t('portfolio.empty')),
    pager
  );
}

const SEARCH_PAGE = 20;

// The search box's answer: vulnerabilities (id prefix), products (name or
// vendor), components (name or purl prefix, one row per product version).
export async function search({ query }) {
  const q = query.get('q') || '';
  const offset = Math.max(0, parseInt(query.get('offset') || '0', 10) || 0);
  if (!q) return page(t('search.title', { q }), h('p', { class: 'muted' }, t('search.hint2')));
  const res = await api('/api/search', { query: { q, limit: SEARCH_PAGE, offset } });
  const more = (has) =>
    has ? h('nav', { class: 'pager' }, h('a', { href: '#/search?' + new URLSearchParams({ q, offset: String(offset + SEARCH_PAGE) }).toString() }, t('search.more'))) : null;
  const comps = res.components.items;
  return page(
    t('search.title', { q }),
    h('p', { class: 'muted' }, t('search.hint2')),
    section(
      t('search.vulns', { q }),
      res.vulns.items.length
        ? h(
            'ul',
            { class: 'plain', id: 'search-vulns' },
            res.vulns.items.map((x) =>
              h('li', null, vulnLink(x.vulnerability), x.id !== x.vulnerability ? [' (', x.id, ')'] : null, x.embargoed ? [' ', embargoBadge(true)] : null)
            )
          )
        : h('p', null, t('search.noVulns', { q })),
      more(res.vulns.more)
    ),
    section(
      t('search.products', { q }),
      res.products.items.length ? h('div', { id: 'search-products' }, productTable(res.products.items)) : h('p', null, t('search.none', { q })),
      more(res.products.total > offset + res.products.items.length)
    ),
    section(
      t('search.components', { q }),
      comps.length
        ? h(
            'div',
            { class: 'scroll' },
            table(
              null,
              [
                { label: t('col.name'), cell: (c) => c.name },
                { label: t('col.version'), cell: (c) => val(c.version) },
                { label: t('col.purl'), cell: (c) => (c.purl ? h('code', null, c.purl) : none()) },
                { label: t('col.inVersion'), cell: (c) => h('a', { href: versionHref(c.product, c.productVersion) }, c.product + ' ' + c.productVersion) },
              ],
              comps,
              { id: 'search-components' }
            )
          )
        : h('p', null, t('search.noComponents', { q })),
      more(res.components.more)
    )
  );
}

export async function product({ params }) {
  const [name] = params;
  const p = await api('/api/products/' + enc(name));
  return page(
    t('product.title', { name: p.name }),
    facts([
      [t('product.vendor'), val(p.vendor)],
      [t('product.cpe'), p.cpe ? h('code', null, p.cpe) : none()],
      [t('product.owner'), val(p.owner)],
      [
        t('product.hardware'),
        p.hardware && p.hardware.length
          ? h('ul', { class: 'plain' }, p.hardware.map((hw) => h('li', null, hw.model, hw.cpe ? [' ', h('code', null, hw.cpe)] : null)))
          : none(),
      ],
      [t('product.regimes'), p.regimes && p.regimes.length ? p.regimes.join(', ') : none()],
    ]),
    section(
      t('product.versions'),
      p.versions && p.versions.length
        ? table(
            null,
            [
              { label: t('col.version'), cell: (v) => h('a', { href: versionHref(p.name, v.version) }, v.version) },
              { label: t('col.components'), cell: (v) => fmtNum(v.components), class: 'num' },
              { label: t('col.released'), cell: (v) => fmtDate(v.released) },
              { label: t('col.eos'), cell: (v) => [fmtDate(v.eos), v.eos && eosBadge(v.eos) ? [' ', eosBadge(v.eos)] : null] },
              { label: t('col.units'), cell: (v) => fmtNum(v.units), class: 'num' },
              { label: t('col.updated'), cell: (v) => fmtDate(v.updated) },
            ],
            p.versions
          )
        : h('p', null, t('product.noVersions'))
    )
  );
}

// --- version: components and SBOM upload -------------------------------------

const COMPONENT_PAGE = 200;
let lastUpload = null; // the upload answer shown once after the page reloads

function cpeList(cpes) {
  if (!cpes || !cpes.length) return none();
  return h(
    'ul',
    { class: 'plain' },
    cpes.map((c) =>
      h('li', null, h('code', null, c.cpe), c.valid === false ? [' ', h('span', { class: 'badge warn' }, t('version.invalidCpe'))] : null)
    )
  );
}

function listOrNone(items, render) {
  if (!items || !items.length) return none();
  return h('ul', { class: 'plain' }, items.map((x) => h('li', null, render ? render(x) : String(x))));
}

function sbomType(file) {
  const n = file.name.toLowerCase();
  if (n.endsWith('.xml')) return 'application/xml';
  if (n.endsWith('.json')) return 'application/json';
  if (n.endsWith('.spdx') || n.endsWith('.txt')) return 'text/spdx';
  return 'application/octet-stream';
}

function uploadResult(r) {
  return h(
    'div',
    { class: 'result', role: 'status' },
    h('p', null, t('upload.done', { components: fmtNum(r.components), format: r.format, warnings: fmtNum(r.warnings ? r.warnings.length : 0) })),
    r.match
      ? h('p', { id: 'upload-match' }, r.match.ok ? t('upload.matched', { created: fmtNum(r.match.created), reopened: fmtNum(r.match.reopened), fixed: fmtNum(r.match.fixed) }) : t('upload.matchFailed'))
      : null,
    r.warnings && r.warnings.length
      ? h(
          'details',
          null,
          h('summary', null, t('upload.warnings')),
          h('ul', null, r.warnings.map((w) => h('li', null, h('code', null, w.code), ' ', w.message)))
        )
      : null
  );
}

function uploadForm(productName, version, rerender) {
  const file = h('input', { id: 'sbom-file', type: 'file', accept: '.json,.xml,.spdx,.txt', required: true });
  const submit = h('button', { type: 'submit' }, t('upload.submit'));
  const status = h('div', { 'aria-live': 'polite' });
  return h(
    'form',
    {
      class: 'upload',
      onsubmit: async (ev) => {
        ev.preventDefault();
        const f = file.files && file.files[0];
        if (!f) {
          status.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('upload.none')));
          return;
        }
        submit.disabled = true;
        submit.textContent = t('upload.busy');
        status.replaceChildren();
        try {
          const body = await f.arrayBuffer();
          lastUpload = await api(versionApi(productName, version) + '/sbom', {
            method: 'POST',
            body,
            contentType: sbomType(f),
            query: { file: f.name.slice(0, 256) },
          });
          await rerender();
        } catch (e) {
          status.replaceChildren(errorBox(e));
          submit.disabled = false;
          submit.textContent = t('upload.submit');
        }
      },
    },
    h('p', { class: 'muted', id: 'sbom-help' }, t('upload.help')),
    h('div', { class: 'field' }, h('label', { for: 'sbom-file' }, t('upload.file')), file),
    submit,
    status
  );
}

function versionApi(productName, version) {
  return '/api/products/' + enc(productName) + '/versions/' + enc(version);
}

function mayUpload(me) {
  if (!me) return false;
  if (me.may && me.may.writeAllProducts) return true;
  // Engineers may upload to products they own; the server decides for those
  // granted with --product, and says so if not.
  return me.role === 'engineer';
}

export async function version({ params, query, me, rerender, hasFindings }) {
  const [productName, ver] = params;
  const offset = Math.max(0, parseInt(query.get('offset') || '0', 10) || 0);
  const v = await api(versionApi(productName, ver), { query: { limit: COMPONENT_PAGE, offset } });
  const fl = hasFindings ? await api('/api/findings', { query: { product: v.product, version: v.version, limit: FINDINGS_PAGE } }) : null;
  const cp = v.componentPage;
  const shown = lastUpload;
  lastUpload = null;
  const pageHref = (off) => versionHref(v.product, v.version) + '?offset=' + off;
  return page(
    t('version.title', { product: v.product, version: v.version }),
    h('p', { class: 'crumbs' }, h('a', { href: '#/products' }, t('portfolio.title')), ' › ', h('a', { href: productHref(v.product) }, v.product)),
    shown ? uploadResult(shown) : null,
    facts([
      [t('col.components'), fmtNum(v.components)],
      [t('col.released'), fmtDate(v.released)],
      [t('col.eos'), [fmtDate(v.eos), v.eos && eosBadge(v.eos) ? [' ', eosBadge(v.eos)] : null]],
      [t('col.units'), fmtNum(v.units)],
    ]),
    fl
      ? section(
          t('version.findings'),
          h('p', { class: 'muted' }, tn('findings.count', fl.total), fl.total > fl.items.length ? [' · ', h('a', { href: '#/findings?product=' + encodeURIComponent(v.product) + '&version=' + encodeURIComponent(v.version) }, t('version.allFindings'))] : null),
          fl.items.length ? findingsTable(fl.items, { noVersion: true }) : h('p', null, t('findings.empty'))
        )
      : null,
    section(
      t('version.components'),
      cp.items.length
        ? [
            h('p', { class: 'muted' }, t('version.componentCount', { from: fmtNum(cp.offset + 1), to: fmtNum(cp.offset + cp.items.length), total: fmtNum(cp.total) })),
            h(
              'div',
              { class: 'scroll' },
              table(
                null,
                [
                  { label: t('col.name'), cell: (c) => (c.group ? c.group + '/' : '') + c.name },
                  { label: t('col.version'), cell: (c) => val(c.version) },
                  { label: t('col.type'), cell: (c) => val(c.type) },
                  { label: t('col.purl'), cell: (c) => (c.purl ? h('code', null, c.purl) : none()) },
                  { label: t('col.cpes'), cell: (c) => cpeList(c.cpes) },
                  { label: t('col.evidence'), cell: (c) => listOrNone(c.evidence) },
                  { label: t('col.warnings'), cell: (c) => listOrNone(c.flags, (f) => h('span', { class: 'badge warn' }, f)) },
                ],
                cp.items,
                { class: 'components' }
              )
            ),
            h(
              'nav',
              { class: 'pager', 'aria-label': t('version.components') },
              cp.offset > 0 ? h('a', { href: pageHref(Math.max(0, cp.offset - COMPONENT_PAGE)) }, t('portfolio.prev')) : null,
              cp.offset + cp.items.length < cp.total ? h('a', { href: pageHref(cp.offset + COMPONENT_PAGE) }, t('portfolio.next')) : null
            ),
          ]
        : h('p', null, t('version.noComponents'))
    ),
    section(
      t('version.imports'),
      v.imports && v.imports.length
        ? table(
            null,
            [
              { label: t('col.when'), cell: (i) => fmtDate(i.at) },
              { label: t('col.by'), cell: (i) => val(i.actor) },
              { label: t('col.format'), cell: (i) => val(i.format) + (i.specVersion ? ' ' + i.specVersion : '') },
              { label: t('col.file'), cell: (i) => val(i.file ? i.file.split('/').pop() : null) },
              { label: t('col.components'), cell: (i) => fmtNum(i.components), class: 'num' },
              { label: t('col.warnings'), cell: (i) => fmtNum(i.warnings), class: 'num' },
              { label: t('col.current'), cell: (i) => (i.current ? t('yes') : t('no')) },
            ],
            v.imports
          )
        : none()
    ),
    mayUpload(me) ? section(t('upload.title'), uploadForm(v.product, v.version, rerender)) : null
  );
}

// --- vulnerability -----------------------------------------------------------

function langOf(s) {
  return s && s.lang ? s.lang : null;
}

function texts(list) {
  return (list || []).map((x) => h('p', { lang: langOf(x) }, x.value));
}

function scoreRows(v) {
  const rows = [];
  for (const r of v.records || []) {
    for (const s of r.scores || []) rows.push({ record: r, s });
  }
  return rows;
}

// One text per record: the UI's language if the source has it, else English,
// else what there is (JVN's Japanese stays Japanese).
function pickLang(list) {
  const want = getLang();
  const by = (l) => list.filter((x) => (x.lang || '').toLowerCase().startsWith(l));
  for (const l of [want, 'en']) {
    const got = by(l);
    if (got.length) return got;
  }
  return list.slice(0, 1);
}

function weakness(w) {
  if (typeof w === 'string') return w;
  const id = w.cwe || w.id || w.value || '';
  return w.source ? id + ' (' + w.source + ')' : id;
}

// Affected products as the source states them: JVN's own list (vendor,
// product, Japanese version text) or NVD's CVE 5 "affected" data.
function affectedList(r) {
  const aff = (r.extra && r.extra.affected) || [];
  const items = [];
  for (const a of aff) {
    if (Array.isArray(a.affectedData)) {
      for (const d of a.affectedData) {
        const vers = (d.versions || []).map((x) =>
          [x.version, x.lessThan ? '< ' + x.lessThan : null, x.lessThanOrEqual ? '≤ ' + x.lessThanOrEqual : null, x.status ? '(' + x.status + ')' : null]
            .filter(Boolean)
            .join(' ')
        );
        items.push(h('li', null, [d.vendor, d.product].filter(Boolean).join(' '), vers.length ? ': ' + vers.join(', ') : null));
      }
    } else if (a.vendor || a.product) {
      items.push(
        h(
          'li',
          { lang: r.source === 'jvn' ? 'ja' : null },
          [a.vendor, a.product].filter(Boolean).join(' '),
          a.cpe ? [' ', h('code', null, a.cpe)] : null,
          a.versions && a.versions.length ? ': ' + a.versions.join('、') : null
        )
      );
    }
  }
  return items.length ? [h('h4', null, t('vuln.affected')), h('ul', null, items)] : null;
}

function configurationList(r) {
  const items = [];
  for (const c of r.configurations || []) {
    for (const n of c.nodes || []) {
      for (const m of n.cpeMatch || []) {
        if (!m.vulnerable) continue;
        const bounds = [
          m.versionStartIncluding ? '≥ ' + m.versionStartIncluding : null,
          m.versionStartExcluding ? '> ' + m.versionStartExcluding : null,
          m.versionEndIncluding ? '≤ ' + m.versionEndIncluding : null,
          m.versionEndExcluding ? '< ' + m.versionEndExcluding : null,
        ].filter(Boolean);
        items.push(h('li', null, h('code', null, m.criteria), bounds.length ? ' ' + bounds.join(', ') : null));
      }
    }
  }
  if (!items.length) return null;
  return h('details', null, h('summary', null, t('vuln.configurations'), ' (', fmtNum(items.length), ')'), h('ul', { class: 'refs' }, items));
}

function recordSection(r) {
  const extra = r.extra || {};
  const title = (r.titles && r.titles[0]) || null;
  return h(
    'section',
    { class: 'record' },
    h('h3', null, t('source.' + r.source), ' · ', r.id, r.withdrawn ? [' ', h('span', { class: 'badge warn' }, t('col.withdrawn'))] : null),
    title ? h('p', { class: 'record-title', lang: langOf(title) }, title.value) : null,
    h('p', { class: 'muted' }, t('vuln.published', { date: fmtDate(r.published), modified: fmtDate(r.modified) })),
    r.descriptions && r.descriptions.length ? [h('h4', null, t('vuln.description')), texts(pickLang(r.descriptions))] : null,
    extra.impact && extra.impact.length ? [h('h4', null, t('vuln.impact')), extra.impact.map((x) => h('p', { lang: 'ja' }, x))] : null,
    extra.solution && extra.solution.length ? [h('h4', null, t('vuln.solution')), extra.solution.map((x) => h('p', { lang: 'ja' }, x))] : null,
    r.weaknesses && r.weaknesses.length
      ? [h('h4', null, t('vuln.weaknesses')), listOrNone(r.weaknesses, weakness)]
      : null,
    affectedList(r),
    configurationList(r),
    r.packages && r.packages.length
      ? [
          h('h4', null, t('vuln.packages')),
          h(
            'ul',
            null,
            r.packages.map((p) =>
              h(
                'li',
                null,
                h('code', null, (p.ecosystem ? p.ecosystem + ':' : '') + p.name),
                ' ',
                (p.ranges || [])
                  .map((rg) => (rg.events || []).map((e) => Object.entries(e).map(([k, x]) => k + ' ' + x).join('')).join(', '))
                  .join('; ')
              )
            )
          ),
        ]
      : null,
    r.references && r.references.length
      ? h(
          'details',
          null,
          h('summary', null, t('vuln.references'), ' (', fmtNum(r.references.length), ')'),
          h(
            'ul',
            { class: 'refs' },
            r.references.map((ref) =>
              h('li', null, isWebLink(ref.url) ? h('a', { href: ref.url, rel: 'noopener noreferrer' }, ref.url) : ref.url, ref.tags && ref.tags.length ? ' · ' + ref.tags.join(', ') : null)
            )
          )
        )
      : null
  );
}

function mayEmbargo(me) {
  return me && (me.role === 'admin' || me.role === 'analyst');
}

// The embargo banner: whenever one is in force, with or without an end.
function embargoBanner(e) {
  if (!e) return null;
  return h(
    'div',
    { class: 'note warn', id: 'embargo-banner', role: 'note' },
    h('p', null, h('strong', null, e.until ? t('vuln.embargoed', { until: fmtDate(e.until) }) : t('vuln.embargoedLifted')), ' — ', t('embargo.active')),
    e.note ? h('p', null, t('vuln.embargoNote', { note: e.note })) : null,
    e.setBy ? h('p', { class: 'muted' }, t('vuln.embargoSetBy', { by: e.setBy, at: fmtDate(e.setAt) })) : null
  );
}

// Set (until a date, or until lifted, with a reason) or lift the embargo.
function embargoForm(v, rerender) {
  const e = v.embargo;
  const until = h('input', { id: 'e-until', type: 'date', value: e && e.until ? String(e.until).slice(0, 10) : '' });
  const reason = h('input', { id: 'e-reason', maxlength: 1000, value: e && e.note ? e.note : '' });
  const status = h('div', { class: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', id: 'e-set' }, t('embargo.set'));
  const lift = e
    ? h(
        'button',
        {
          type: 'button',
          id: 'e-lift',
          onclick: async () => {
            lift.disabled = true;
            try {
              await api('/api/vulns/' + enc(v.id) + '/embargo', { method: 'DELETE' });
              await rerender();
            } catch (err) {
              status.replaceChildren(errorBox(err));
              lift.disabled = false;
            }
          },
        },
        t('embargo.lift')
      )
    : null;
  return h(
    'form',
    {
      class: 'embargo',
      id: 'embargo-form',
      onsubmit: async (ev) => {
        ev.preventDefault();
        submit.disabled = true;
        try {
          const r = await api('/api/vulns/' + enc(v.id) + '/embargo', {
            method: 'PUT',
            json: { until: until.value || null, note: reason.value.trim() || null },
          });
          if (r.active === false) {
            status.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('embargo.past')));
            submit.disabled = false;
            return;
          }
          await rerender();
        } catch (err) {
          status.replaceChildren(errorBox(err));
          submit.disabled = false;
        }
      },
    },
    h('p', { class: 'muted' }, e ? t('embargo.active') : t('embargo.none')),
    h('div', { class: 'field' }, h('label', { for: 'e-until' }, t('embargo.until')), until),
    h('div', { class: 'field' }, h('label', { for: 'e-reason' }, t('embargo.reason')), reason),
    submit,
    lift ? [' ', lift] : null,
    status
  );
}

export async function vuln({ params, query, hasFindings, me, rerender }) {
  const [id] = params;
  const v = await api('/api/vulns/' + enc(id));
  const limit = query && query.get('limit') ? pageSize(query, AFFECTED_PAGE) : undefined;
  const affPath = '/api/vulns/' + enc(id) + '/affected';
  const aff = hasFindings ? await api(affPath, { query: { limit } }) : null;
  const scores = scoreRows(v);
  return page(
    t('vuln.title', { id: v.id }),
    v.withdrawn ? h('p', { class: 'note warn' }, t('vuln.withdrawn')) : null,
    embargoBanner(v.embargo),
    facts([
      [t('vuln.aliases'), v.aliases && v.aliases.length ? h('ul', { class: 'inline-list' }, v.aliases.map((a) => h('li', null, a === v.id ? a : vulnLink(a)))) : none()],
      [t('vuln.sources'), (v.records || []).map((r) => t('source.' + r.source)).join(', ') || none()],
    ]),
    aff ? affectedVersions(aff, (after) => api(affPath, { query: { limit, after } })) : null,
    section(
      t('vuln.kev'),
      v.kev && v.kev.length
        ? v.kev.map((k) =>
            h(
              'div',
              { class: 'kev' },
              h('p', null, h('strong', null, k.vulnerabilityName), ' — ', t('vuln.kevAdded', { date: fmtDate(k.dateAdded), due: fmtDate(k.dueDate) })),
              h('p', null, k.shortDescription),
              h('p', null, t('vuln.ransomware', { value: val(k.knownRansomwareCampaignUse) })),
              h('p', null, h('strong', null, t('vuln.requiredAction')), ': ', k.requiredAction)
            )
          )
        : h('p', null, t('vuln.notKev'))
    ),
    section(
      t('vuln.epss'),
      v.epss && v.epss.length
        ? table(
            null,
            [
              { label: t('col.score'), cell: (e) => (e.epss * 100).toFixed(2) + ' %', class: 'num' },
              { label: t('col.percentile'), cell: (e) => (e.percentile * 100).toFixed(2), class: 'num' },
              { label: t('col.date'), cell: (e) => fmtDate(e.scoreDate) },
              { label: t('col.model'), cell: (e) => val(e.modelVersion) },
            ],
            v.epss
          )
        : h('p', null, t('vuln.noEpss'))
    ),
    section(
      t('vuln.scores'),
      scores.length
        ? h(
            'div',
            { class: 'scroll' },
            table(
              null,
              [
                { label: t('col.source'), cell: (x) => scoreSourceCell(x.record.source, x.s.source && x.s.source !== x.record.source ? x.s.source : null) },
                { label: t('col.kind'), cell: (x) => val(x.s.kind) + (x.s.type ? ' · ' + x.s.type : '') },
                { label: t('col.score'), cell: (x) => (x.s.baseScore === undefined || x.s.baseScore === null ? none() : String(x.s.baseScore)), class: 'num' },
                { label: t('col.severity'), cell: (x) => severityText(x.s.severity) },
                { label: t('col.vector'), cell: (x) => (x.s.vector ? h('code', null, x.s.vector) : none()) },
              ],
              scores
            )
          )
        : h('p', null, t('vuln.noScores'))
    ),
    mayEmbargo(me) ? section(t('embargo.title'), embargoForm(v, rerender)) : null,
    section(t('vuln.sources'), (v.records || []).map(recordSection)),
    v.relatedRecords && v.relatedRecords.length
      ? section(t('vuln.related'), h('ul', null, v.relatedRecords.map((r) => h('li', null, t('source.' + r.source), ' ', vulnLink(r.id)))))
      : null
  );
}

// The product versions the vulnerability reaches, with their findings: a
// page (newest versions first), then "more" appends the next one (more(after)
// fetches it). The totals are over every version, not just those shown.
const AFFECTED_PAGE = 100;

function affectedVersions(a, more) {
  if (!a.versions.length) return section(t('vuln.affectedVersions'), h('p', null, t('vuln.noAffected')));
  const cols = [
    { label: t('col.product'), cell: (x) => h('a', { href: versionHref(x.product, x.version) }, x.product + ' ' + x.version) },
    { label: t('col.units'), cell: (x) => (x.units === null ? none() : fmtNum(x.units)), class: 'num' },
    {
      label: t('col.findings'),
      cell: (x) =>
        h(
          'ul',
          { class: 'inline-list' },
          x.findings.map((f) => h('li', null, h('a', { href: '#/findings/' + f.id }, '#' + f.id), ' ', priorityBadge(f.priority), ' ', stateBadge(f.state), ' ', f.component || t('findings.productItself')))
        ),
    },
  ];
  const tbl = table(null, cols, a.versions, { id: 'affected-versions' });
  let shown = a.versions.length;
  let next = a.next;
  const status = h('p', { class: 'muted', id: 'affected-shown', 'aria-live': 'polite' });
  const problem = h('p', { class: 'error', role: 'alert', hidden: true });
  const button = h('button', { type: 'button', id: 'affected-more' }, t('vuln.moreVersions'));
  const update = () => {
    status.textContent = t('vuln.shownVersions', { shown: fmtNum(shown), total: fmtNum(a.total) });
    button.hidden = !next;
  };
  button.addEventListener('click', async () => {
    button.disabled = true;
    problem.hidden = true;
    try {
      const p = await more(next);
      const body = tbl.querySelector('tbody');
      for (const r of p.versions) body.appendChild(h('tr', null, cols.map((c) => h('td', { class: c.class }, c.cell(r)))));
      shown += p.versions.length;
      next = p.next;
      update();
    } catch (e) {
      problem.textContent = e.message;
      problem.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  update();
  return section(
    t('vuln.affectedVersions'),
    h('p', { class: 'muted', id: 'affected-summary' }, t('vuln.affectedSummary2', { versions: tn('vuln.openVersions', a.openVersions), units: tn('vuln.unitsInField', a.unitsAffected) }), a.unitsUnknown ? ' ' + tn('dash.unitsUnknown', a.unitsUnknown) : null),
    h('div', { class: 'scroll' }, tbl),
    status,
    problem,
    button
  );
}

// --- feeds -------------------------------------------------------------------

export async function feeds() {
  const res = await api('/api/feeds');
  return page(
    t('feeds.title'),
    table(
      null,
      [
        { label: t('col.source'), cell: (f) => t('source.' + f.source) },
        { label: t('col.records'), cell: (f) => fmtNum(f.records), class: 'num' },
        { label: t('col.withdrawn'), cell: (f) => fmtNum(f.withdrawn), class: 'num' },
        { label: t('col.lastImport'), cell: (f) => (f.lastImport ? fmtDate(f.lastImport) : t('feeds.never')) },
        { label: t('col.lastSync'), cell: (f) => (f.lastSync ? fmtDate(f.lastSync) : t('feeds.never')) },
        { label: t('col.newest'), cell: (f) => fmtDate(f.newestRecord) },
        { label: t('col.detail'), cell: (f) => val(f.detail) },
      ],
      res.feeds
    )
  );
}

// --- API tokens ----------------------------------------------------------------
// GET/POST /api/tokens, DELETE /api/tokens/{id}: the caller's own tokens, or
// everyone's for an admin. A new token's text is shown once, here; revoking
// asks a second click on the same button (no window.confirm: it cannot be
// styled or translated).

function mayMakeTokens(me) {
  return me && (me.role === 'admin' || me.role === 'analyst' || me.role === 'engineer');
}

function tokenStatus(tk) {
  return tk.revoked
    ? h('span', { class: 'badge revoked' }, t('tokens.revoked', { when: fmtDate(tk.revoked), by: tk.revokedBy || '?' }))
    : h('span', { class: 'badge live' }, t('tokens.live'));
}

function revokeButton(tk, status, rerender) {
  let armed = false;
  const b = h('button', { type: 'button', class: 'revoke', 'data-token': String(tk.id) }, t('tokens.revoke'));
  b.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      b.textContent = t('tokens.revokeConfirm', { id: tk.id });
      return;
    }
    b.disabled = true;
    status.replaceChildren();
    try {
      await api('/api/tokens/' + enc(String(tk.id)), { method: 'DELETE' });
      await rerender();
    } catch (e) {
      status.replaceChildren(errorBox(e));
      b.disabled = false;
    }
  });
  return b;
}

function newTokenForm(me, rerender) {
  const user = me.role === 'admin' ? h('input', { id: 't-user', name: 'user', maxlength: 64, placeholder: me.name }) : null;
  const submit = h('button', { type: 'submit' }, t('tokens.make'));
  const out = h('div', { 'aria-live': 'polite' });
  return h(
    'form',
    {
      class: 'new-token',
      onsubmit: async (ev) => {
        ev.preventDefault();
        submit.disabled = true;
        out.replaceChildren();
        const body = {};
        if (user && user.value.trim()) body.user = user.value.trim();
        try {
          const tk = await api('/api/tokens', { method: 'POST', json: body });
          // the list is redrawn first: the token's text must survive it
          await rerender();
          const box = document.getElementById('token-made');
          if (box)
            box.replaceChildren(
              h('p', null, t('tokens.made', { id: tk.id, user: tk.user })),
              h('pre', { class: 'token-text' }, h('code', null, tk.token)),
              h('p', null, t('tokens.once'))
            );
        } catch (e) {
          out.replaceChildren(errorBox(e));
          submit.disabled = false;
        }
      },
    },
    user ? h('div', { class: 'field' }, h('label', { for: 't-user' }, t('tokens.forUser')), user) : null,
    submit,
    out
  );
}

export async function tokens({ me, rerender }) {
  const res = await api('/api/tokens');
  const status = h('div', { 'aria-live': 'polite' });
  const cols = [
    { label: t('tokens.id'), cell: (tk) => String(tk.id), class: 'num' },
    { label: t('tokens.user'), cell: (tk) => tk.user },
    { label: t('tokens.scope'), cell: (tk) => tk.scope },
    { label: t('tokens.created'), cell: (tk) => fmtDate(tk.created) },
    { label: t('tokens.lastUsed'), cell: (tk) => (tk.lastUsed ? fmtDate(tk.lastUsed) : t('tokens.never')) },
    { label: t('tokens.status'), cell: tokenStatus },
    { label: t('tokens.action'), cell: (tk) => (tk.revoked ? null : revokeButton(tk, status, rerender)) },
  ];
  return page(
    t('tokens.title'),
    h('p', null, t(me && me.role === 'admin' ? 'tokens.introAdmin' : 'tokens.intro')),
    h('div', { id: 'token-made', 'aria-live': 'polite' }),
    res.tokens.length
      ? h('div', { class: 'scroll' }, table(null, cols, res.tokens, { class: 'tokens' }))
      : h('p', null, t('tokens.none')),
    status,
    mayMakeTokens(me) ? section(t('tokens.new'), newTokenForm(me, rerender)) : null
  );
}

// --- server text in the UI's language ------------------------------------------
// The server sends the English text (for CLI and API users) and its parts
// (reasonParts, ssvcInputParts, sourceInfo, history parts, error codes); these
// say the parts through t(), and fall back to the English text.

const has = (k) => t(k) !== k;
const tOr = (k, fallback, vars) => (has(k) ? t(k, vars) : fallback);

// An API error in the UI's language: a specific code's own words; a status's
// generic code with the server's message; English: the server's message.
function apiErrorText(e) {
  if (!(e instanceof ApiError)) return String(e && e.message ? e.message : e);
  if (e.status === 0) return t('error.network', { message: e.message });
  if (getLang() !== 'en' && e.code && has('apierr.' + e.code)) {
    const text = t('apierr.' + e.code);
    return e.code.includes('.') || e.code === 'csrf' ? text : t('apierr.withMessage', { text, message: e.message });
  }
  return t('error.http', { status: e.status, message: e.message });
}

function reasonFact(f) {
  switch (f.fact) {
    case 'ssvc':
      return t('reason.ssvc', { value: tOr('ssvc.outcome.' + f.value, f.value) });
    case 'exploitation':
      return tOr('reason.exploitation.' + f.value, f.value);
    case 'safety':
      return t('reason.safety', { value: tOr('attr.safety.' + f.value, f.value) });
    case 'nonconformity':
      return t('reason.nonconformity');
    case 'exposure':
      return tOr('reason.exposure.' + f.value, f.value);
    case 'weight':
      return t('reason.weight', { value: tOr('attr.weight.' + f.value, f.value) });
    case 'kev':
      return f.value ? t('reason.kevSince', { date: fmtDate(f.value) }) : t('reason.kev');
    case 'epss':
      return t('reason.epss', { value: String(Number(Number(f.value).toPrecision(3))) });
    case 'units':
      return t(f.value === 1 ? 'reason.unit' : 'reason.units', { n: fmtNum(f.value) });
    case 'controlled':
      return t(f.value ? 'reason.controlled' : 'reason.uncontrolled');
    default:
      return f.text || '';
  }
}

// "P1 recall: KEV-listed since …" from the reason's parts.
function reasonText(r, fallback) {
  if (!r || !Array.isArray(r.facts)) return val(fallback);
  const head = t('reason.head', { priority: 'P' + r.priority, class: tOr('class.' + r.class, r.class) });
  if (r.default) return head + t('reason.default');
  if (r.rule) return head + t('reason.rule', { name: r.rule });
  return head + r.facts.map(reasonFact).join(t('reason.sep'));
}

function reasonCell(f) {
  if (!f.reason) return none();
  return h('span', { title: f.reason }, reasonText(f.reasonParts, f.reason));
}

function ssvcPointName(s) {
  return tOr('ssvc.point.' + s.key, s.point);
}

function ssvcValueName(s) {
  if (!s.valueKey) return s.value || none();
  return tOr('ssvc.value.' + s.key + '.' + s.valueKey, s.value);
}

function ssvcSourceText(s) {
  const i = s.sourceInfo;
  if (!i) return s.source;
  switch (i.code) {
    case 'safety':
    case 'exposure':
    case 'weight':
      return t('ssvc.src.' + i.code, { arg: tOr('attr.' + i.code + '.' + i.arg, i.arg) });
    case 'kev':
      return i.arg ? t('ssvc.src.kev', { arg: fmtDate(i.arg) }) : t('ssvc.src.kevNoDate');
    default:
      return tOr('ssvc.src.' + i.code, s.source, { arg: i.arg || '' });
  }
}

// History rows: psirt's own field names, values and comments translated; an
// analyst's comment as written.
function histField(x) {
  if (!x.field) return none();
  if (x.field.startsWith('ssvc:')) {
    const k = x.field.slice(5);
    return t('hist.field.ssvc', { point: tOr('ssvc.point.' + k, k) });
  }
  return tOr('hist.field.' + x.field, x.field);
}

function histValue(x, which) {
  const v = x[which];
  const p = x.parts && x.parts[which];
  if (v === null || v === undefined || v === '') return none();
  if (p && p.priority) return t('hist.priority', { priority: 'P' + p.priority, class: tOr('class.' + p.class, p.class), deadline: fmtDate(p.deadline) });
  if (p && p.valueKey) return ssvcValueName(p) + ' (' + tOr('origin.' + p.origin, p.origin) + ')';
  if (x.field === 'state') return tOr('state.' + v, v);
  if (x.field === 'justification') return tOr('just.' + v, v);
  return v;
}

function histComment(x) {
  const c = x.parts && x.parts.comment;
  if (!c) return val(x.comment);
  if (c.code === 'triage') {
    const why = c.why === 'text' ? c.arg : tOr('hist.why.' + c.why, c.arg, { arg: c.arg || '' });
    return h('span', { title: x.comment }, t('hist.triage', { why, reason: reasonText(c.reason, '') }));
  }
  return tOr('hist.' + c.code, x.comment);
}

// t() with nodes for some placeholders: an array of text and nodes.
function tNodes(key, vars) {
  const out = [];
  t(key)
    .split(/(\{\w+\})/)
    .forEach((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) out.push(part);
      else if (vars[m[1]] === undefined) out.push(part);
      else out.push(vars[m[1]]);
    });
  return out;
}

// The matcher's "why" (src/match): its fixed phrases translated, versions and
// ranges kept; a text it does not know is shown as written.
function evidenceWhy(why) {
  let m = /^version (.+) listed in versions$/.exec(why);
  if (m) return t('ev.w.listed', { v: m[1] });
  m = /^version (.+) in the (\S+) range \((.+) order\)$/.exec(why);
  if (m) return t('ev.w.inRange', { v: m[1], type: m[2], scheme: m[3] });
  m = /^commit (\S+) is an affected event of the GIT range$/.exec(why);
  if (m) return t('ev.w.commit', { v: m[1] });
  const phrases = {
    'every version': 'ev.w.every',
    'criterion version - (not applicable)': 'ev.w.naCriterion',
    'criterion version - (none given), taken as every version': 'ev.w.noneGiven',
    "equal to the criterion's": 'ev.w.equal',
    "matches the criterion's pattern": 'ev.w.pattern',
  };
  m = /^(no version|version -|version (.+?))(?=: |:$|$)(.*)$/.exec(why);
  if (!m) return why;
  const out = [m[1] === 'no version' ? t('ev.w.noVersion') : m[1] === 'version -' ? t('ev.w.versionNA') : t('ev.w.version', { v: m[2] })];
  let rest = m[3];
  for (const [en, key] of Object.entries(phrases)) {
    if (rest.startsWith(': ' + en)) {
      out.push(t(key));
      rest = rest.slice(2 + en.length);
      break;
    }
  }
  // the range: ": >= 3.0.0, < 3.0.13" and perhaps " (semver order)"
  const r = /^:( [<>]=? \S+(, [<>]=? \S+)?)( \((.+) order\))?$/.exec(rest);
  if (r) {
    out.push(r[1].trim() + (r[4] ? ' ' + t('ev.w.order', { scheme: r[4] }) : ''));
    rest = '';
  }
  if (rest) return why;
  return out.join(': ');
}

// One piece of evidence as a sentence: "Matched CPE … against criterion …
// (version 1.36.1: <= 1.36.1), high confidence, NVD CVE-… configuration 1, node 1."
function evidenceSentence(e, f) {
  const code = (s) => h('code', null, s);
  const what = tOr('ev.via.' + e.via, e.via || '');
  const identity = code(e.identity || '');
  let head;
  if (e.criteria) head = tNodes('ev.match.criteria', { what, identity, criteria: code(e.criteria) });
  else if (e.package) head = tNodes('ev.match.package', { what, identity, ecosystem: e.ecosystem || '', package: code(e.package) });
  else head = tNodes('ev.match.other', { what, identity });
  const source = tOr('source.' + (e.source || (f && f.source)), e.source || '');
  const record = e.record || (f && f.record) || '';
  const place = Array.isArray(e.place) && e.place.length >= 2
    ? t('ev.place', { source, record, config: e.place[0] + 1, node: e.place[1] + 1 })
    : t('ev.record', { source, record });
  return h(
    'span',
    { class: 'evidence-sentence' },
    head,
    e.why ? t('ev.why', { why: evidenceWhy(e.why) }) : null,
    e.confidence ? t('ev.confidence', { confidence: tOr('ev.conf.' + e.confidence, e.confidence) }) : null,
    place,
    e.platform ? tNodes('ev.platform', { platform: code(e.platform) }) : null,
    e.rangeType ? t('ev.rangeType', { type: e.rangeType }) : null,
    t('ev.end')
  );
}

// Score sources as NVD names them (CVE Services org ids and CNA e-mails):
// the name, the raw id in the title.
const SCORE_SOURCES = {
  'nvd@nist.gov': 'NVD',
  '134c704f-9b21-4f2e-91b3-4a467353bcc0': 'CISA-ADP',
  'af854a3a-2127-422b-91ae-364da2661108': 'CVE Program',
  'cve@mitre.org': 'MITRE',
  'security-advisories@github.com': 'GitHub',
  'secalert@redhat.com': 'Red Hat',
  'security@apache.org': 'Apache',
  'openssl-security@openssl.org': 'OpenSSL',
  'chrome-cve-admin@google.com': 'Google Chrome',
  'psirt@us.ibm.com': 'IBM',
  'cna@vuldb.com': 'VulDB',
  'report@snyk.io': 'Snyk',
  'vultures@jpcert.or.jp': 'JPCERT/CC',
};

function scoreSourceCell(feed, source) {
  const name = tOr('source.' + feed, feed);
  if (!source) return name;
  const known = SCORE_SOURCES[String(source).toLowerCase()];
  // "NVD (NVD)" says nothing twice: the feed's name, the id in its title
  if (known === name) return h('span', { title: source, class: 'score-source' }, known);
  return [name, ' (', h('span', { title: source, class: 'score-source' }, known || source), ')'];
}

// One spelling for severities ("HIGH" from NVD, "High" from others).
function severityText(s) {
  if (!s) return none();
  return tOr('severity.' + String(s).toLowerCase(), s);
}
