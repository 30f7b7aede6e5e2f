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

export function errorPage(e) {
  let msg;
  if (e instanceof ApiError && e.status === 0) msg = t('error.network', { message: e.message });
  else if (e instanceof ApiError) msg = t('error.http', { status: e.status, message: e.message });
  else msg = String(e && e.message ? e.message : e);
  return page(t('error.title'), h('p', { class: 'error', role: 'alert' }, msg));
}

export function notFound() {
  return page(t('error.title'), h('p', null, t('error.notFound')));
}

function errorBox(e) {
  const msg =
    e instanceof ApiError
      ? e.status === 0
        ? t('error.network', { message: e.message })
        : t('error.http', { status: e.status, message: e.message })
      : String(e);
  return h('p', { class: 'error', role: 'alert' }, msg);
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

export async function dashboard() {
  const d = await api('/api/dashboard');
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
    // FINDINGS: priorities, KEV-listed findings, overdue deadlines, affected units
    // and the open-findings chart come here with the findings API.
    h('p', { class: 'note' }, t('dash.findingsLater'))
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
    h('p', { class: 'muted' }, t('portfolio.count', { n: fmtNum(res.total) })),
    res.items.length ? productTable(res.items) : h('p', null, t('portfolio.empty')),
    pager
  );
}

export async function search({ query }) {
  const q = query.get('q') || '';
  const res = await api('/api/products', { query: { q, limit: PAGE } });
  return page(
    t('search.title', { q }),
    h('p', { class: 'muted' }, t('search.hint')),
    section(
      t('search.products', { q }),
      res.items.length ? productTable(res.items) : h('p', null, t('search.none', { q }))
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
              { label: t('col.eos'), cell: (v) => fmtDate(v.eos) },
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

export async function version({ params, query, me, rerender }) {
  const [productName, ver] = params;
  const offset = Math.max(0, parseInt(query.get('offset') || '0', 10) || 0);
  const v = await api(versionApi(productName, ver), { query: { limit: COMPONENT_PAGE, offset } });
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
      [t('col.eos'), fmtDate(v.eos)],
      [t('col.units'), fmtNum(v.units)],
    ]),
    // FINDINGS: this version's findings table comes here with the findings API.
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

export async function vuln({ params }) {
  const [id] = params;
  const v = await api('/api/vulns/' + enc(id));
  const scores = scoreRows(v);
  return page(
    t('vuln.title', { id: v.id }),
    v.withdrawn ? h('p', { class: 'note warn' }, t('vuln.withdrawn')) : null,
    v.embargo && v.embargo.until ? h('p', { class: 'note warn' }, t('vuln.embargoed', { until: fmtDate(v.embargo.until) })) : null,
    facts([
      [t('vuln.aliases'), v.aliases && v.aliases.length ? h('ul', { class: 'inline-list' }, v.aliases.map((a) => h('li', null, a === v.id ? a : vulnLink(a)))) : none()],
      [t('vuln.sources'), (v.records || []).map((r) => t('source.' + r.source)).join(', ') || none()],
    ]),
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
                { label: t('col.source'), cell: (x) => t('source.' + x.record.source) + (x.s.source && x.s.source !== x.record.source ? ' (' + x.s.source + ')' : '') },
                { label: t('col.kind'), cell: (x) => val(x.s.kind) + (x.s.type ? ' · ' + x.s.type : '') },
                { label: t('col.score'), cell: (x) => (x.s.baseScore === undefined || x.s.baseScore === null ? none() : String(x.s.baseScore)), class: 'num' },
                { label: t('col.severity'), cell: (x) => val(x.s.severity) },
                { label: t('col.vector'), cell: (x) => (x.s.vector ? h('code', null, x.s.vector) : none()) },
              ],
              scores
            )
          )
        : h('p', null, t('vuln.noScores'))
    ),
    section(t('vuln.sources'), (v.records || []).map(recordSection)),
    v.relatedRecords && v.relatedRecords.length
      ? section(t('vuln.related'), h('ul', null, v.relatedRecords.map((r) => h('li', null, t('source.' + r.source), ' ', vulnLink(r.id)))))
      : null
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

// FINDINGS: the findings list (filter, sort, paginate) replaces this page when
// the feat/findings branch brings /api/findings; the route is only reachable
// once the API describes that path.
export function findings() {
  return page(t('findings.title'), h('p', null, t('findings.notYet')));
}
