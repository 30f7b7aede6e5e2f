// Browser tests of psirt's web UI, run by tests/e2e/run.sh against a server
// it started with a few fixtures. playwright-core drives Debian's chromium
// (no browser download). Prints one line per test and "e2e: N passed, M failed".
import { chromium } from 'playwright-core';
import path from 'node:path';

const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set (run tests/e2e/run.sh)`);
  return v;
};
const base = env('E2E_URL').replace(/\/$/, '');
const shots = env('E2E_SHOTS');
const sbom = env('E2E_SBOM');
const sbomNew = env('E2E_SBOM_NEW');

let passed = 0;
let failed = 0;
const problems = []; // console errors, page errors, CSP violations

async function test(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n  ${String(e && e.stack ? e.stack : e).split('\n').slice(0, 4).join('\n  ')}`);
  }
}

function expect(cond, what) {
  if (!cond) throw new Error(what);
}

async function heading(page) {
  await page.waitForSelector('main h1');
  return (await page.textContent('main h1')).trim();
}

async function waitHeading(page, text) {
  await page.waitForFunction(
    (t) => {
      const h = document.querySelector('main h1');
      return h && h.textContent.trim() === t;
    },
    text,
    { timeout: 10000 }
  );
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(shots, name + '.png'), fullPage: true });
}

const context = await chromium.launchPersistentContext(env('E2E_PROFILE'), {
  executablePath: env('E2E_CHROMIUM'),
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
  viewport: { width: 1366, height: 768 },
  locale: 'en-GB',
  timezoneId: 'UTC',
});
const page = context.pages()[0] || (await context.newPage());
page.setDefaultTimeout(10000);
// set while a test blocks the chart library on purpose
let blockingVendor = false;
page.on('console', (m) => {
  // 401s are expected: /api/me before logging in, the wrong password, after logout.
  // The 400 of the analysis sent without a justification is the test's own.
  const expected400 = /status of 400/.test(m.text()) && /\/api\/findings\/\d+\/analysis$/.test(m.location().url || '');
  const blocked = blockingVendor && /\/vendor\/uplot\//.test((m.location().url || '') + m.text());
  // So is the 404 of the findings filter given a product the store does not have.
  const expected404 = /status of 404/.test(m.text()) && /\/api\/findings\?.*product=Nope/.test(m.location().url || '');
  if (m.type() === 'error' && !expected400 && !expected404 && !blocked && !/status of 401 \(Unauthorized\)/.test(m.text())) problems.push('console: ' + m.text() + ' ' + JSON.stringify(m.location()));
});
page.on('pageerror', (e) => problems.push('page error: ' + e.message));

try {
  await test('a wrong password shows the server error', async () => {
    await page.goto(base + '/');
    await waitHeading(page, 'Log in');
    await shot(page, 'login');
    await page.fill('#login-name', env('E2E_USER'));
    await page.fill('#login-password', 'not the password');
    await page.click('form.login button[type=submit]');
    const alert = await page.waitForSelector('form.login .error[role=alert]');
    const text = await alert.textContent();
    expect(/401/.test(text), 'error names the status: ' + text);
  });

  await test('log in and see the dashboard figures', async () => {
    await page.fill('#login-name', env('E2E_USER'));
    await page.fill('#login-password', env('E2E_PASSWORD'));
    await page.click('form.login button[type=submit]');
    await waitHeading(page, 'Dashboard');
    const figures = await page.$$eval('ul.figures li', (lis) => lis.map((li) => li.textContent.trim()));
    expect(figures.some((f) => /^3\s*Products$/.test(f)), 'three products: ' + figures.join(' | '));
    expect(figures.some((f) => /KEV entries$/.test(f)), 'a KEV figure: ' + figures.join(' | '));
    expect((await page.textContent('header')).includes('alice'), 'user name in the header');
    // the fixture store was matched (run.sh: psirt match): acme-cam 2.4.1 has two
    const ff = await page.textContent('#findings-figures');
    expect(/2\s*Open findings/.test(ff), 'two open findings: ' + ff);
    expect(/Units in the field affected/.test(ff), 'units affected: ' + ff);
    expect((await page.$('nav a[href="#/findings"]')) !== null, 'the findings entry: the API has /api/findings');
    await shot(page, 'dashboard');
  });

  // The store's findings were all found on one day (run.sh's PSIRT_NOW),
  // long before the server's real today: 90 days of the same open count.
  await test('the dashboard trend: a chart of 90 days, the table as fallback', async () => {
    await page.waitForSelector('#trend-chart');
    expect((await page.getAttribute('#trend-chart', 'role')) === 'img', 'the chart is an image to assistive technology');
    const label = await page.getAttribute('#trend-chart', 'aria-label');
    expect(/90 days/.test(label) && /2 on the last/.test(label), 'aria-label summarises the series: ' + label);
    expect((await page.$$('#trend-table tbody tr')).length === 90, 'the table has 90 days');
    const lastRow = await page.$$eval('#trend-table tbody tr', (trs) => trs[trs.length - 1].textContent);
    expect(/2\s*0\s*0$/.test(lastRow.trim()), 'the last day: 2 open, 0 opened, 0 closed: ' + lastRow);
    await page.waitForFunction(() => document.querySelector('#trend-chart canvas') || !document.querySelector('#trend-note').hidden);
    if (await page.$('#trend-chart canvas')) {
      expect((await page.getAttribute('#trend-chart', 'data-points')) === '90', 'uPlot draws 90 points');
      const legend = await page.textContent('#trend-chart .u-legend');
      expect(/Open/.test(legend) && /Closed/.test(legend), 'legend: ' + legend);
      expect(await page.isHidden('#trend-note'), 'no fallback note with the chart');
    } else {
      console.log('note: uPlot is not installed (npm ci --prefix web): checked the table only');
      expect(await page.isVisible('#trend-note'), 'the fallback note');
    }
    await page.$eval('#trend-summary', (e) => e.scrollIntoView());
    await shot(page, 'dashboard-trend');
  });

  await test('without the chart library the dashboard shows the trend as a table', async () => {
    blockingVendor = true;
    await page.route('**/vendor/uplot/**', (r) => r.abort());
    try {
      await page.reload();
      await waitHeading(page, 'Dashboard');
      await page.waitForSelector('#trend-note:not([hidden])');
      expect(/not installed/.test(await page.textContent('#trend-note')), 'the note says why');
      expect(await page.isHidden('#trend-chart'), 'no empty chart');
      expect(await page.$eval('#trend-details', (d) => d.open), 'the table is open');
      expect((await page.$$('#trend-table tbody tr')).length === 90, 'the table has 90 days');
      expect((await page.textContent('#findings-figures')).length > 0, 'the rest of the dashboard works');
      await shot(page, 'dashboard-trend-table');
    } finally {
      await page.unroute('**/vendor/uplot/**');
      await page.reload();
      await waitHeading(page, 'Dashboard');
      blockingVendor = false;
    }
  });

  await test('portfolio → product → version with components', async () => {
    await page.click('nav a[href="#/products"]');
    await waitHeading(page, 'Portfolio');
    await shot(page, 'portfolio');
    await page.click('main a[href="#/products/acme-cam"]');
    await waitHeading(page, 'Product acme-cam');
    const facts = await page.textContent('dl.facts');
    expect(facts.includes('CAM-100') && facts.includes('CRA'), 'hardware and regimes: ' + facts);
    await shot(page, 'product');
    await page.click('main a[href="#/products/acme-cam/versions/2.4.1"]');
    await waitHeading(page, 'acme-cam 2.4.1');
    const rows = await page.$$eval('table.components tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows.length === 9, '9 components, got ' + rows.length);
    const fr = await page.$$eval('table.findings tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(fr.length === 2 && fr.some((r) => r.includes('CVE-2022-48174')), 'the version’s findings: ' + fr.join(' | '));
    expect(rows.some((r) => r.includes('pkg:generic/busybox@1.36.1') && r.includes('cpe:2.3:a:busybox:busybox:1.36.1')), 'busybox purl and CPE');
    expect(rows.some((r) => r.includes('webui') && r.includes('no-identity')), 'a warning flag');
    await shot(page, 'version');
  });

  await test('upload an SBOM through the form', async () => {
    await page.setInputFiles('#sbom-file', sbom);
    await page.click('form.upload button[type=submit]');
    const result = await page.waitForSelector('.result[role=status]');
    const text = await result.textContent();
    expect(/Imported 10 components \(cyclonedx-json\)/.test(text), 'upload result: ' + text);
    const imports = await page.$$eval('section table:not(.components):not(.findings) tbody tr', (trs) => trs.length);
    expect(imports === 2, 'two SBOM imports in the history, got ' + imports);
    const rows = await page.$$eval('table.components tbody tr', (trs) => trs.length);
    expect(rows === 10, 'the new SBOM’s 10 components, got ' + rows);
    // matched at once: libssl3 3.0.11 is gone, its finding closed as fixed
    const match = await page.textContent('#upload-match');
    expect(/0 new findings, 0 reopened, 1 fixed/.test(match), 'match result: ' + match);
    await shot(page, 'version-uploaded');
  });

  let findingHref = null;

  await test('upload an SBOM to a version without one: new findings appear', async () => {
    await page.goto(base + '/#/products/acme-router/versions/1.0');
    await waitHeading(page, 'acme-router 1.0');
    expect((await page.textContent('main')).includes('0 findings'), 'no finding before the upload');
    await page.setInputFiles('#sbom-file', sbomNew);
    await page.click('form.upload button[type=submit]');
    const match = await (await page.waitForSelector('#upload-match')).textContent();
    expect(/Matched at once: 2 new findings/.test(match), 'match result: ' + match);
    const fr = await page.$$eval('table.findings tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(fr.length === 2, 'two new findings on the version page: ' + fr.join(' | '));
    expect(fr.some((r) => r.includes('busybox@1.36.1') && r.includes('CVE-2022-48174')), 'busybox finding');
    findingHref = await page.$eval('table.findings tbody tr a[href^="#/findings/"]', (a) => a.getAttribute('href'));
    await shot(page, 'version-new-findings');
  });

  await test('the findings list: filters, badges, reasons', async () => {
    await page.click('nav a[href="#/findings"]');
    await waitHeading(page, 'Findings');
    const count = await page.textContent('#findings-count');
    expect(/4 findings/.test(count), 'four findings (one fixed): ' + count);
    const rows = await page.$$eval('table.findings tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows.every((r) => /P[1-4]/.test(r) || /fixed/.test(r)), 'priority badges: ' + rows.join(' | '));
    expect(rows.some((r) => r.includes('acme-router 1.0')), 'the new version’s findings listed');
    expect(rows.some((r) => /routine/.test(r)), 'a response class and reason');
    await page.selectOption('#f-state', 'open');
    await page.fill('#f-product', 'acme-router');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction(() => /2 findings/.test(document.querySelector('#findings-count')?.textContent || ''));
    expect(page.url().includes('state=open') && page.url().includes('product=acme-router'), 'filters in the address: ' + page.url());
    await shot(page, 'findings');
  });

  await test('a finding: evidence, scores, SSVC, set not_affected with a justification, history', async () => {
    await page.goto(base + '/' + findingHref);
    await page.waitForSelector('main h1');
    expect(/^Finding #\d+: CVE-/.test(await heading(page)), 'finding heading: ' + (await heading(page)));
    const main = await page.textContent('main');
    expect(main.includes('Evidence') && main.includes('SSVC decision path'), 'evidence and SSVC sections');
    expect((await page.textContent('#finding-reason')).length > 0, 'the priority reason');
    // the justification appears with not_affected only
    expect(await page.isHidden('#a-justification'), 'no justification for in_triage');
    await page.selectOption('#a-state', 'not_affected');
    expect(await page.isVisible('#a-justification'), 'justification for not_affected');
    const options = await page.$$eval('#a-justification option', (os) => os.map((o) => o.value).filter(Boolean));
    expect(options.length === 5, 'the five VEX justifications: ' + options.join(','));
    // without a justification the server's message is shown
    await page.click('form.analysis button[type=submit]');
    const err = await (await page.waitForSelector('form.analysis .error[role=alert]')).textContent();
    expect(/not_affected needs a justification/.test(err), 'server error shown: ' + err);
    await page.selectOption('#a-justification', 'vulnerable_code_not_in_execute_path');
    await page.fill('#a-comment', 'ash applets are not built in');
    await page.click('form.analysis button[type=submit]');
    await page.waitForFunction(() => /in triage → not affected/.test(document.querySelector('#finding-history')?.textContent || ''));
    const hist = await page.$$eval('#finding-history tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(hist.some((r) => r.includes('alice') && r.includes('State') && r.includes('in triage → not affected')), 'audit row by alice: ' + hist.join(' | '));
    // acme-router is safety-critical (tests/e2e/run.sh): the policy's rule improvement
    expect(hist.some((r) => r.includes('Priority') && /P2 improvement, due /.test(r)), 'priority row in words: ' + hist.join(' | '));
    const reasonEn = await page.textContent('#finding-reason');
    expect(reasonEn === 'P2 improvement: safety impact critical, risk uncontrolled, no known exploitation, 5,000 units', 'the reason as psirt wrote it: ' + reasonEn);
    expect((await page.textContent('main')).includes('Vulnerable code not in execute path'), 'justification shown');
    // evidence as sentences, not a key: value dump
    const ev = await page.textContent('#finding-evidence');
    expect(/Matched CPE cpe:2\.3:a:\S+ against criterion cpe:2\.3:a:\S+ \(version [^)]+\), high confidence, NVD CVE-\d+-\d+ configuration 1, node 1\./.test(ev), 'evidence sentence: ' + ev);
    expect(!/place|\[\d+,\d+,\d+\]/.test(ev), 'no raw place: ' + ev);
    // score sources by name, the id in the title; one spelling of severities
    const src = await page.$$eval('.score-source', (els) => els.map((e) => [e.textContent, e.title]));
    expect(src.some(([n, id]) => n === 'NVD' && id === 'nvd@nist.gov'), 'NVD named: ' + JSON.stringify(src));
    expect(!/\b(CRITICAL|HIGH|MEDIUM|LOW)\b/.test(await page.textContent('main')), 'severities spelt once');
    // the SSVC row says what is missing instead of a dash
    const ssvc = await page.textContent('#finding-ssvc');
    expect(ssvc === 'not decided: no value for Value Density (VD)', 'SSVC row: ' + ssvc);
    await shot(page, 'finding');
  });

  await test('the vulnerability page lists the affected product versions', async () => {
    await page.goto(base + '/#/vulns/CVE-2022-48174');
    await waitHeading(page, 'Vulnerability CVE-2022-48174');
    const aff = await page.textContent('#affected-versions');
    expect(aff.includes('acme-cam 2.4.1') && aff.includes('acme-router 1.0'), 'both versions: ' + aff);
    expect(aff.includes('5,000'), 'units of acme-router 1.0: ' + aff);
    await shot(page, 'vulnerability-affected');
  });

  await test('the versions a vulnerability reaches, a page at a time: "more" appends the next', async () => {
    await page.goto(base + '/#/vulns/CVE-2022-48174');
    await page.waitForSelector('#affected-summary');
    const all = await page.textContent('#affected-summary');
    await page.goto(base + '/#/vulns/CVE-2022-48174?limit=1');
    await waitHeading(page, 'Vulnerability CVE-2022-48174');
    await page.waitForFunction(() => document.querySelectorAll('#affected-versions tbody tr').length === 1);
    let rows = await page.$$eval('#affected-versions tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows.length === 1, 'one version on the first page: ' + rows.join(' | '));
    // newest first: acme-router 1.0 (made by the upload above), whose finding
    // is not open — a count over this page alone would say 0
    expect(rows[0].includes('acme-router 1.0'), 'the newest version first: ' + rows[0]);
    expect(/1 of 2 versions shown/.test(await page.textContent('#affected-shown')), 'shown of total');
    // the totals count every version, not the page
    {
      const sum = await page.textContent('#affected-summary');
      expect(sum === all && /1 version with an open finding/.test(sum), 'the summary of every version, not the page’s: ' + sum + ' / ' + all);
    }
    await page.focus('#affected-more');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#affected-versions tbody tr').length === 2);
    rows = await page.$$eval('#affected-versions tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows.some((r) => r.includes('acme-cam 2.4.1')) && rows.some((r) => r.includes('acme-router 1.0')), 'both versions after more: ' + rows.join(' | '));
    expect(/2 of 2 versions shown/.test(await page.textContent('#affected-shown')), 'all shown');
    expect(await page.isHidden('#affected-more'), 'no more button on the last page');
  });

  await test('the findings list pages by keyset: next, previous, first', async () => {
    const asked = [];
    const onReq = (r) => {
      if (r.url().includes('/api/findings?')) asked.push(r.url());
    };
    page.on('request', onReq);
    await page.goto(base + '/#/findings?limit=1');
    await waitHeading(page, 'Findings');
    const first = await page.textContent('table.findings tbody');
    expect(/1–1 shown/.test(await page.textContent('#findings-count')), 'range: ' + (await page.textContent('#findings-count')));
    expect(await page.isHidden('#findings-prev').catch(() => true), 'no previous on the first page');
    await page.click('#findings-next');
    await page.waitForFunction(() => /2–2 shown/.test(document.querySelector('#findings-count')?.textContent || ''));
    expect(/after=\d+/.test(page.url()), 'the cursor in the address: ' + page.url());
    expect(asked.some((u) => /[?&]after=\d+/.test(u) && !/offset=/.test(u)), 'the API asked with after, not offset: ' + asked.join(' '));
    const second = await page.textContent('table.findings tbody');
    expect(second !== first, 'another finding on page 2');
    await page.click('#findings-next');
    await page.waitForFunction(() => /3–3 shown/.test(document.querySelector('#findings-count')?.textContent || ''));
    await page.click('#findings-prev');
    await page.waitForFunction(() => /2–2 shown/.test(document.querySelector('#findings-count')?.textContent || ''));
    expect((await page.textContent('table.findings tbody')) === second, 'previous gives page 2 again');
    await page.click('#findings-prev');
    await page.waitForFunction(() => /1–1 shown/.test(document.querySelector('#findings-count')?.textContent || ''));
    expect((await page.textContent('table.findings tbody')) === first, 'and page 1');
    // a sort without keyset pages by offset
    await page.goto(base + '/#/findings?limit=1&sort=product');
    await page.waitForSelector('#findings-next');
    await page.click('#findings-next');
    await page.waitForFunction(() => /2–2 shown/.test(document.querySelector('#findings-count')?.textContent || ''));
    expect(/offset=1/.test(page.url()), 'offset for sort product: ' + page.url());
    page.off('request', onReq);
    await shot(page, 'findings-keyset');
  });

  await test('the finding page and list in Japanese', async () => {
    await page.goto(base + '/' + findingHref);
    await page.waitForSelector('#finding-history');
    await page.selectOption('#lang', 'ja');
    await page.waitForFunction(() => /^検出事項 #\d+/.test(document.querySelector('main h1')?.textContent || ''));
    const main = await page.textContent('main');
    expect(main.includes('脆弱なコードが実行経路にない'), 'justification in Japanese');
    expect(main.includes('SSVC の判断経路') && main.includes('履歴'), 'section headings in Japanese');
    // what the server wrote, in Japanese: reason, SSVC, history, evidence
    const reason = await page.textContent('#finding-reason');
    expect(/^P\d \S+: /.test(reason) && !/[a-z]{4,}/.test(reason.replace(/^P\d /, '')), 'reason in Japanese: ' + reason);
    expect(reason === 'P2 改善対策: 安全への影響 重大、リスクは管理されていない、悪用は知られていない、5,000 台', 'reason P2 improvement: ' + reason);
    const ssvc = await page.textContent('#finding-ssvc');
    expect(ssvc === '未決定: 価値密度 (VD) の値がありません', 'SSVC row in Japanese: ' + ssvc);
    const inputs = await page.textContent('#ssvc-inputs');
    expect(inputs.includes('悪用状況 (E) = なし') && inputs.includes('KEV 未掲載') && inputs.includes('安全への影響 (SI) = 重大') && inputs.includes('製品の安全クラス 重大'), 'SSVC inputs in Japanese: ' + inputs);
    expect(inputs.includes('価値密度 (VD) = —') && inputs.includes('分析者が設定します'), 'the missing input and how to set it: ' + inputs);
    const hist = await page.$$eval('#finding-history tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(hist.some((r) => r.includes('状態') && r.includes('トリアージ中 → 影響なし')), 'history state in Japanese: ' + hist.join(' | '));
    expect(hist.some((r) => r.includes('psirt match で検出')), 'history comment in Japanese: ' + hist.join(' | '));
    expect(hist.some((r) => r.includes('優先度') && /P2 改善対策、期限 /.test(r) && r.includes('psirt match: P2 改善対策: 安全への影響 重大')), 'history priority in Japanese: ' + hist.join(' | '));
    expect(!hist.some((r) => /in_triage|not_affected|improvement|uncontrolled|found by psirt/.test(r)), 'no English server text in the history: ' + hist.join(' | '));
    const ev = await page.textContent('#finding-evidence');
    expect(ev.includes('が条件') && ev.includes('に一致') && ev.includes('確度 高') && ev.includes('の構成 1・ノード 1'), 'evidence in Japanese: ' + ev);
    expect(!/confidence|configuration|place/.test(ev), 'no English in the evidence: ' + ev);
    expect((await page.textContent('main')).includes('緊急'), 'severity in Japanese');
    await shot(page, 'finding-ja');
    // an API error with a code, said in Japanese
    await page.selectOption('#a-state', 'not_affected');
    await page.selectOption('#a-justification', '');
    await page.click('form.analysis button[type=submit]');
    const err = await (await page.waitForSelector('form.analysis .error[role=alert]')).textContent();
    expect(err.includes('「影響なし」には根拠が必要です'), 'API error in Japanese: ' + err);
    await page.goto(base + '/#/findings');
    await waitHeading(page, '検出事項');
    expect((await page.textContent('#findings-count')).includes('件'), 'count in Japanese');
    const reasons = await page.$$eval('table.findings td.reason', (tds) => tds.map((td) => td.textContent));
    expect(reasons.length && reasons.every((r) => !/no rule matched|routine|KEV-listed/.test(r)), 'reasons in Japanese: ' + reasons.join(' | '));
    await shot(page, 'findings-ja');
    await page.selectOption('#lang', 'en');
    await waitHeading(page, 'Findings');
  });

  await test('search a CVE id and see the merged vulnerability', async () => {
    await page.fill('#q', 'cve-2021-44228');
    await page.press('#q', 'Enter');
    await waitHeading(page, 'Vulnerability CVE-2021-44228');
    const main = await page.textContent('main');
    expect(main.includes('JVNDB-2021-005429') && main.includes('GHSA-jfh8-c2jp-5v3q'), 'aliases');
    expect(main.includes('Apache Log4j2 Remote Code Execution Vulnerability'), 'KEV entry');
    expect(main.includes('94.36 %'), 'EPSS score');
    expect(main.includes('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H'), 'NVD vector');
    const ja = await page.$$eval('.record [lang=ja]', (els) => els.map((e) => e.textContent));
    expect(ja.some((s) => s.includes('Apache Log4j における任意のコードが実行可能な脆弱性')), 'JVN title in Japanese, marked lang=ja');
    expect(main.includes('log4j-core'), 'OSV package');
    await shot(page, 'vulnerability');
  });

  await test('search a product name', async () => {
    await page.fill('#q', 'router');
    await page.press('#q', 'Enter');
    await waitHeading(page, 'Search: router');
    expect((await page.$('main a[href="#/products/acme-router"]')) !== null, 'acme-router listed');
    expect((await page.$('main a[href="#/products/acme-cam"]')) === null, 'acme-cam not listed');
  });

  await test('search a component name: the product versions holding it', async () => {
    await page.fill('#q', 'BusyBox');
    await page.press('#q', 'Enter');
    await waitHeading(page, 'Search: BusyBox');
    const rows = await page.$$eval('#search-components tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows.length > 0 && rows.every((r) => r.startsWith('busybox')), 'busybox rows: ' + rows.join(' | '));
    expect(rows.some((r) => r.includes('acme-cam 2.4.1')), 'in acme-cam 2.4.1: ' + rows.join(' | '));
    expect((await page.$('#search-components a[href="#/products/acme-cam/versions/2.4.1"]')) !== null, 'links the version');
    expect((await page.textContent('main')).includes('No vulnerability id starts with'), 'no vulnerability group match');
    await shot(page, 'search-components');
  });

  await test('search an id prefix of any scheme (GHSA, lower case)', async () => {
    await page.fill('#q', 'ghsa-jfh8');
    await page.press('#q', 'Enter');
    await waitHeading(page, 'Search: ghsa-jfh8');
    const vulns = await page.textContent('#search-vulns');
    expect(vulns.includes('GHSA-jfh8-c2jp-5v3q'), 'the GHSA id: ' + vulns);
    await page.click('#search-vulns a');
    await page.waitForFunction(() => /^Vulnerability /.test(document.querySelector('main h1')?.textContent || ''));
  });

  await test('labels: product columns and filters, plurals, end of support', async () => {
    await page.goto(base + '/#/');
    await waitHeading(page, 'Dashboard');
    const th = await page.$$eval('main table th', (ths) => ths.map((x) => x.textContent));
    expect(th.includes('Product') && !th.includes('Product version'), 'dashboard headers: ' + th.join(' | '));
    await page.goto(base + '/#/findings');
    await waitHeading(page, 'Findings');
    expect((await page.textContent('label[for=f-product]')) === 'Product', 'the filter takes a product');
    await page.fill('#f-product', 'Nope');
    await page.click('form.filters button[type=submit]');
    const err = await page.waitForSelector('main .error[role=alert]');
    expect(/404.*no product 'Nope'/.test(await err.textContent()), 'unknown product said: ' + (await err.textContent()));
    expect((await page.$('#f-product')) !== null, 'the filters stay');
    await page.goto(base + '/#/findings');
    await waitHeading(page, 'Findings');
    // acme-router 1.0 ended its support on 2025-12-31 (run.sh)
    const rows = await page.$$eval('table.findings tbody tr', (trs) => trs.map((tr) => tr.textContent));
    const router = rows.filter((r) => r.includes('acme-router 1.0'));
    expect(router.length > 0 && router.every((r) => r.includes('END OF SUPPORT')), 'EOS on acme-router 1.0 rows: ' + router.join(' | '));
    expect(rows.filter((r) => r.includes('acme-cam')).every((r) => !r.includes('END OF SUPPORT')), 'not on acme-cam');
    await page.goto(base + '/#/products/acme-router');
    await waitHeading(page, 'Product acme-router');
    expect((await page.textContent('main table')).includes('END OF SUPPORT'), 'EOS on the product page');
    await page.goto(base + '/#/vulns/CVE-2022-48174');
    await waitHeading(page, 'Vulnerability CVE-2022-48174');
    const sum = await page.textContent('#affected-summary');
    const m = /^(\d+) (versions?) with an open finding, ([\d,]+) (units?) in the field/.exec(sum);
    expect(m && (m[1] === '1') === (m[2] === 'version') && (m[3] === '1') === (m[4] === 'unit'), 'plurals: ' + sum);
    const unk = /(\d+) affected (versions? ha(?:s|ve)) no unit count/.exec(sum);
    expect(!unk || (unk[1] === '1') === (unk[2] === 'version has'), 'plural of the unknown units: ' + sum);
  });

  await test('embargo a vulnerability (until lifted, then a date), marked everywhere, then lift it', async () => {
    await page.goto(base + '/#/vulns/CVE-2022-48174');
    await waitHeading(page, 'Vulnerability CVE-2022-48174');
    expect((await page.$('#embargo-banner')) === null, 'no banner before');
    await page.fill('#e-reason', 'coordinated with the finder');
    await page.click('#e-set');
    await page.waitForSelector('#embargo-banner');
    let banner = await page.textContent('#embargo-banner');
    expect(banner.includes('Under embargo until lifted') && banner.includes('coordinated with the finder'), 'banner: ' + banner);
    await shot(page, 'vulnerability-embargo');
    await page.goto(base + '/#/findings?sort=vulnerability');
    await waitHeading(page, 'Findings');
    const rows = await page.$$eval('table.findings tbody tr', (trs) => trs.map((tr) => tr.textContent));
    const marked = rows.filter((r) => r.includes('EMBARGOED'));
    expect(marked.length > 0 && marked.every((r) => r.includes('CVE-2022-48174')), 'embargo badges: ' + rows.join(' | '));
    await page.click('table.findings tbody tr:has(.badge.embargoed) a[href^="#/findings/"]');
    await page.waitForSelector('#finding-history');
    expect((await page.textContent('p.badges')).includes('EMBARGOED'), 'badge on the finding page');
    await page.goto(base + '/#/vulns/CVE-2022-48174');
    await page.waitForSelector('#embargo-banner');
    await page.fill('#e-until', '2030-06-01');
    await page.click('#e-set');
    await page.waitForFunction(() => /Under embargo until .*2030/.test(document.querySelector('#embargo-banner')?.textContent || ''));
    await page.click('#e-lift');
    await page.waitForFunction(() => !document.querySelector('#embargo-banner') && document.querySelector('#embargo-form'));
    expect((await page.textContent('#embargo-form')).includes('Not under embargo'), 'lifted');
  });

  await test('values are shown as text, never as markup', async () => {
    await page.goto(base + '/#/products?q=xss');
    await waitHeading(page, 'Portfolio');
    const cell = await page.textContent('main table tbody tr td:nth-child(2)');
    expect(cell === '<img src=x onerror="window.__xss=1">', 'vendor shown literally: ' + cell);
    expect((await page.$('main table img')) === null, 'no img element');
    expect((await page.evaluate(() => window.__xss)) === undefined, 'no script ran');
  });

  await test('feeds page shows each source', async () => {
    await page.click('nav a[href="#/feeds"]');
    await waitHeading(page, 'Feeds');
    const rows = await page.$$eval('main table tbody tr', (trs) => trs.map((tr) => tr.textContent));
    expect(rows.length === 6, 'six feeds, got ' + rows.length);
    expect(rows.some((r) => r.startsWith('NVD97')), 'NVD with 97 records: ' + rows[0]);
    await shot(page, 'feeds');
  });

  await test('switch to Japanese, remembered after a reload', async () => {
    await page.selectOption('#lang', 'ja');
    await waitHeading(page, 'フィード');
    expect((await page.getAttribute('html', 'lang')) === 'ja', 'html lang=ja');
    await page.click('nav a[href="#/"]');
    await waitHeading(page, 'ダッシュボード');
    await page.reload();
    await waitHeading(page, 'ダッシュボード');
    expect((await page.textContent('nav')).includes('製品一覧'), 'nav in Japanese');
    await shot(page, 'dashboard-ja');
    await page.goto(base + '/#/vulns/JVNDB-2021-005429');
    await waitHeading(page, '脆弱性 CVE-2021-44228');
    await shot(page, 'vulnerability-ja');
    await page.selectOption('#lang', 'en');
    await waitHeading(page, 'Vulnerability CVE-2021-44228');
  });

  await test('keyboard: the skip link comes first and moves focus to the page', async () => {
    await page.goto(base + '/#/feeds');
    await waitHeading(page, 'Feeds');
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.press('Tab');
    expect((await page.evaluate(() => document.activeElement.id)) === 'skip', 'skip link focused first');
    await page.keyboard.press('Enter');
    expect((await page.evaluate(() => document.activeElement.tagName)) === 'H1', 'focus on the heading');
    expect(page.url().endsWith('#/feeds'), 'the route did not change: ' + page.url());
  });

  await test('API tokens: make one (shown once), it uploads; revoke it, it is refused', async () => {
    await page.click('nav a[href="#/tokens"]');
    await waitHeading(page, 'API tokens');
    await page.click('form.new-token button[type=submit]');
    await page.waitForSelector('#token-made code');
    const token = (await page.textContent('#token-made code')).trim();
    expect(/^psirt_[A-Za-z0-9_-]{43}$/.test(token), 'a token: ' + token);
    const id = (await page.textContent('#token-made p')).match(/Token (\d+)/)[1];
    const row = `main table.tokens tr:has(button[data-token="${id}"])`;
    expect((await page.textContent(row)).includes('live'), 'listed as live');
    const upload = (tk) =>
      page.evaluate(
        async ([tk, body]) =>
          (
            await fetch('/api/products/acme-cam/versions/9.9/sbom', {
              method: 'POST',
              credentials: 'omit',
              headers: { Authorization: 'Bearer ' + tk, 'Content-Type': 'application/json' },
              body,
            })
          ).status,
        [tk, '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[]}']
      );
    const before = await upload(token);
    expect(before === 201 || before === 200, 'the new token uploads: ' + before);
    await shot(page, 'tokens');
    // two clicks: the first only asks
    await page.click(`button[data-token="${id}"]`);
    expect((await page.textContent(`button[data-token="${id}"]`)).includes('Click again'), 'asks first');
    await page.click(`button[data-token="${id}"]`);
    await page.waitForFunction(
      (id) => [...document.querySelectorAll('main table.tokens tbody tr')].some((tr) => tr.cells[0].textContent === id && /revoked/.test(tr.textContent)),
      id
    );
    expect((await upload(token)) === 401, 'a revoked token is refused');
  });

  await test('log out', async () => {
    await page.click('header button.link');
    await waitHeading(page, 'Log in');
    const status = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(status === 401, 'session ended, /api/me answers ' + status);
  });

  await test('no console errors, page errors or CSP violations', async () => {
    expect(problems.length === 0, problems.join('\n  '));
  });
} finally {
  await context.close();
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
console.log(`e2e: screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
