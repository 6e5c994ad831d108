// The built site in Debian's Chromium (playwright-core): axe-core at WCAG 2.1 A and AA on the home
// page, the open data page, a workplan, a workstream, the objectives' matrix, the entity index, an
// objective page, both handouts and the search page with results, in
// every language; and each of those printed (print media) without navigation and without running
// off the paper; the finding aids of issue 13 (matrix links, sort, anchors, search and its
// objective filter) and, at 390 px, no clipped table cell on the matrices and the entity index and
// a working menu button (none at 1280 px).
// Usage: node browser.mjs SITE_DIR ARTIFACTS_DIR
// Prints "ok - ..." / "not ok - ..." lines, one per check.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [site, artifacts] = process.argv.slice(2);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.xml': 'application/xml', '.csv': 'text/csv',
  '.pdf': 'application/pdf', '.png': 'image/png', '.svg': 'image/svg+xml' };

let failures = 0;
function report(ok, what, details = []) {
  console.log(`${ok ? 'ok' : 'not ok'} - ${what}`);
  for (const d of details.slice(0, 30)) console.log(`    ${d}`);
  if (!ok) failures++;
}

// A static server of the built folder on 127.0.0.1 and a free port.
function serve(root) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, p);
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The pages to check in one language, found the way a reader finds them: by following links.
async function findPages(page, base, lang) {
  const abs = (href) => new URL(href, page.url()).href;
  const pages = { home: `${base}${lang}/` };
  await page.goto(pages.home);
  pages['open data'] = abs(await page.getAttribute('.site-footer a[href$="datos/"], .site-footer a[href$="/data/"]', 'href'));   // the footer's link to the open data page
  pages.workplan = abs(await page.getAttribute('.plan-card a', 'href'));
  await page.goto(pages.workplan);
  pages.workstream = abs(await page.getAttribute('.ws-card a.ws-link', 'href'));
  pages['workplan handout'] = abs(await page.getAttribute('.actions a.button', 'href'));
  pages['objectives index'] = abs(await page.getAttribute('.main-nav li:nth-child(3) a', 'href'));
  pages['entity index'] = abs(await page.getAttribute('.main-nav li:nth-child(6) a', 'href'));
  await page.goto(pages['objectives index']);
  // the objective with the most workstreams (the busiest page and handout)
  const rows = await page.$$eval('table.matrix tbody tr', (trs) => trs.map((tr) => ({
    href: tr.querySelector('th a').getAttribute('href'),
    n: parseInt(tr.querySelector('td strong')?.textContent || '0', 10) })));
  rows.sort((a, b) => b.n - a.n);
  pages.objective = abs(rows[0].href);
  await page.goto(pages.objective);
  pages['objective handout'] = abs(await page.getAttribute('.actions a.button', 'href'));
  return pages;
}

// Finding without search (issue 13): every count of the matrix leads to a section of its term's
// page that exists; a click on a heading's sort button orders the rows; the workplan's contents
// and a workstream's activities have their anchors; then the narrow-screen checks.
async function findingChecks(page, pages, lang) {
  await page.goto(pages['objectives index']);
  const links = await page.$$eval('table.matrix td a', (as) => as.map((a) => a.href));
  const bad = [];
  for (const href of links.filter((h) => h.includes('#plan-'))) {
    await page.goto(href);
    const id = decodeURIComponent(new URL(href).hash.slice(1));
    const n = await page.$$eval(`[id="${id}"] .ws-list > li`, (l) => l.length).catch(() => 0);
    if (!n) bad.push(`${href}: no workstreams under #${id}`);
  }
  report(links.length > 0 && bad.length === 0, `matrix counts link to their plan's workstreams (${lang}, ${links.length} links)`, bad);

  await page.goto(pages['objectives index']);
  const col = await page.$$eval('table.matrix thead th', (ths) => ths.findIndex((th) => th.querySelector('strong') || /Total/.test(th.textContent)));
  await page.click(`table.matrix thead th:nth-child(${col + 1}) button.sort-button`);
  const totals = await page.$$eval('table.matrix tbody tr', (trs, c) => trs.map((tr) => parseInt(tr.cells[c].textContent, 10) || 0), col);
  const sorted = totals.every((x, i) => i === 0 || totals[i - 1] <= x);
  const aria = await page.getAttribute(`table.matrix thead th:nth-child(${col + 1})`, 'aria-sort');
  report(sorted && aria === 'ascending', `matrix sorts by total on a click (${lang})`, [`${totals.join(' ')} aria-sort=${aria}`]);

  await page.goto(pages.workplan);
  const toc = await page.$$eval('.on-this-page a', (as) => as.map((a) => a.getAttribute('href')));
  const missing = [];
  for (const h of toc) if (!(await page.$(`[id="${h.slice(1)}"]`))) missing.push(h);
  report(toc.length > 0 && missing.length === 0, `workplan contents point to existing anchors (${lang})`, missing);
  await page.goto(pages.workstream);
  const acts = await page.$$eval('li.activity', (l) => l.map((li) => [li.id, li.querySelector('a.anchor')?.getAttribute('href')]));
  report(acts.length > 0 && acts.every(([id, h], i) => id === `activity-${i + 1}` && h === `#${id}`),
    `activities have ids activity-N and copy links (${lang})`, acts.map((a) => a.join(' ')));

  await narrowChecks(page, pages, lang);
}

// The cells of the page's tables at the present width that are clipped: a th/td that is neither
// inside the viewport nor inside a horizontal scroll container (overflow-x auto/scroll, itself
// inside the viewport) that can scroll to it, or whose own content overflows it. Cells that are
// not rendered (display: none, the entity cards' header row) have nothing to clip.
function clippedCells() {
  const out = [];
  const vw = document.documentElement.clientWidth;
  const name = (c) => `${c.closest('table').id || 'table'} row ${c.parentElement.rowIndex} col ${c.cellIndex} "${c.textContent.replace(/\s+/g, ' ').trim().slice(0, 30)}"`;
  const scroller = (c) => {
    for (let e = c.parentElement; e && e !== document.body; e = e.parentElement)
      if (/^(auto|scroll)$/.test(getComputedStyle(e).overflowX)) return e;
    return null;
  };
  if (document.documentElement.scrollWidth > vw + 1)
    out.push(`document ${document.documentElement.scrollWidth} > ${vw}`);
  const cells = document.querySelectorAll('main table th, main table td');
  for (const c of cells) {
    const r = c.getBoundingClientRect();
    if (!c.getClientRects().length || (r.width === 0 && r.height === 0)) continue;
    if (c.scrollWidth > c.clientWidth + 1) out.push(`${name(c)}: its content is ${c.scrollWidth} px in ${c.clientWidth}`);
    if (r.left >= -0.5 && r.right <= vw + 0.5) continue;
    const box = scroller(c);
    if (!box) { out.push(`${name(c)}: ${Math.round(r.left)}..${Math.round(r.right)} outside the ${vw} px viewport, no scroll box`); continue; }
    const br = box.getBoundingClientRect();
    const left = r.left - br.left + box.scrollLeft, right = r.right - br.left + box.scrollLeft;
    if (left < -1 || right > box.scrollWidth + 1)
      out.push(`${name(c)}: ${Math.round(left)}..${Math.round(right)} beyond its scroll box's ${box.scrollWidth} px`);
    if (br.left < -0.5 || br.right > vw + 0.5)
      out.push(`${name(c)}: its scroll box ${Math.round(br.left)}..${Math.round(br.right)} is outside the viewport`);
  }
  return { out, n: cells.length };
}

// Narrow screens (issue 13): at 390 px no cell of the matrices (objectives, areas, SDGs) and of
// the entity index is clipped (clippedCells; screenshots kept as artifacts); the header's menu
// button is there, shows the navigation and search form when pressed and hides them again;
// at 1280 px there is no button and the navigation shows without it.
async function narrowChecks(page, pages, lang) {
  await page.goto(pages['objectives index']);
  // the navigation, and the overview's "see also" links (a vocabulary no workstream states, e.g.
  // the SDGs, is not in the navigation but is linked from the other overviews)
  const nav = await page.$$eval('.main-nav a, main p.small a', (as) => [...new Set(as.map((a) => a.href))]);
  const targets = {};
  for (const href of nav) {
    await page.goto(href);
    if (await page.$('main table.matrix')) targets[new URL(href).pathname.split('/').filter(Boolean).pop()] = href;
  }
  report(Object.keys(targets).length === 4, `the navigation and the see-also links lead to 3 matrices and the entity index (${lang})`, Object.keys(targets));
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, url] of Object.entries(targets)) {
    await page.goto(url);
    const { out, n } = await page.evaluate(clippedCells);
    await page.screenshot({ path: path.join(artifacts, `screen-390-${name}-${lang}.png`), fullPage: true });
    report(n > 0 && out.length === 0, `no clipped cell at 390 px: ${name} (${lang}, ${n} cells)`, out);
  }
  await page.goto(pages.workplan);
  const shown = () => page.evaluate(() => {
    const vis = (sel) => { const e = document.querySelector(sel); return !!e && e.checkVisibility() && e.getClientRects().length > 0; };
    return { button: vis('details.site-menu > summary'), nav: vis('nav.main-nav'), form: vis('form.site-search'),
      open: document.querySelector('details.site-menu')?.open || false,
      name: (document.querySelector('details.site-menu > summary')?.textContent || '').replace(/[^\p{L}]/gu, '') };
  });
  const want = lang === 'es' ? 'Menú' : 'Menu';
  const closed = await shown();
  await page.click('details.site-menu > summary');
  const opened = await shown();
  await axeHere(page, 'menu open at 390 px', page.url());
  await page.click('details.site-menu > summary');
  const again = await shown();
  report(closed.button && closed.name === want && !closed.nav && !closed.form && opened.open && opened.nav &&
    opened.form && !again.nav, `menu button at 390 px names itself "${want}" and toggles the navigation (${lang})`,
    [`closed ${JSON.stringify(closed)}`, `pressed ${JSON.stringify(opened)}`, `pressed again ${JSON.stringify(again)}`]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(pages.workplan);
  const wide = await shown();
  report(!wide.button && wide.nav && wide.form, `at 1280 px the navigation and search form show without a menu button (${lang})`,
    [JSON.stringify(wide)]);
}

async function axeCheck(page, name, url) {
  await page.goto(url);
  await axeHere(page, name, url);
}

// axe on the page as it is now (e.g. the search page with Pagefind's results shown)
async function axeHere(page, name, url) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate((tags) =>
    window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
  const details = [];
  for (const v of result.violations)
    for (const n of v.nodes.slice(0, 3))
      details.push(`${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}`);
  report(result.violations.length === 0, `axe WCAG 2.1 A/AA: ${name} ${url.replace(/^http:\/\/[^/]+\//, '')} (${result.violations.length} violations)`, details);
}

// Printed (print media, A4 width): no navigation or switcher shown, nothing wider than the paper.
async function printCheck(page, name, url, shot) {
  await page.goto(url);
  await page.emulateMedia({ media: 'print' });
  const r = await page.evaluate(() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => {
      const s = getComputedStyle(e);
      return s.display !== 'none' && s.visibility !== 'hidden' && e.getClientRects().length > 0;
    }).length;
    return { nav: shown('nav.main-nav, nav.lang-switch, .breadcrumbs, .skip-link, .site-header, .prevnext, script'),
      wide: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      main: (document.querySelector('main')?.innerText || '').trim().length };
  });
  const details = [];
  if (r.nav) details.push(`${r.nav} navigation elements are shown on paper`);
  if (r.wide > 1) details.push(`the page is ${r.wide}px wider than the paper`);
  if (r.main < 20) details.push('no content on paper');
  if (shot) {
    const pdf = path.join(artifacts, shot);
    await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  }
  await page.emulateMedia({ media: 'screen' });
  report(details.length === 0, `prints cleanly: ${name} ${url.replace(/^http:\/\/[^/]+\//, '')}`, details);
}


// Search (Pagefind): a word found in only one workstream page of the language, taken from deep in
// its activities (the last activity's text), lists that page and no page of another language; the
// objective-8 filter lists exactly the objective page's workstreams.
function rareWord(lang) {
  const pages = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const f = path.join(d, e.name);
    if (e.isDirectory()) walk(f); else if (e.name === 'index.html') pages.push(f); } };
  walk(path.join(site, lang));
  const mains = new Map();
  for (const f of pages) {
    const html = fs.readFileSync(f, 'utf8');
    const m = html.match(/<main[^>]*data-pagefind-body[^>]*>([\s\S]*)<\/main>/);
    if (m) mains.set(f, m[1].replace(/<[^>]+>/g, ' ').toLowerCase());
  }
  for (const [f, text] of mains) {
    const html = fs.readFileSync(f, 'utf8');
    if (!html.includes('data-pagefind-filter')) continue;   // a workstream page
    const acts = html.split(/<li[^>]*class="[^"]*activity/);
    if (acts.length < 2) continue;
    const last = acts[acts.length - 1].replace(/<[^>]+>/g, ' ').toLowerCase();
    for (const w of last.match(/[a-záéíóúñü]{9,}/g) || []) {
      let n = 0;
      for (const t of mains.values()) if (t.includes(w)) n++;
      if (n === 1 && text.includes(w))
        return { word: w, url: '/' + path.relative(site, path.dirname(f)) + '/' };
    }
  }
  return null;
}

async function searchCheck(page, base, lang, pages) {
  const searchUrl = base + (lang === 'es' ? 'es/buscar/' : 'en/search/');
  const rare = rareWord(lang);
  if (!rare) { report(false, `search ${lang}: no word found only in one workstream's activities`); return; }
  await page.goto(`${searchUrl}?q=${encodeURIComponent(rare.word)}`);
  await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15000 }).catch(() => {});
  const hrefs = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => new URL(a.href).pathname));
  await axeHere(page, 'search results', page.url());
  const other = hrefs.filter((h) => !h.startsWith(`/${lang}/`));
  report(hrefs.includes(rare.url) && other.length === 0,
    `search ${lang}: "${rare.word}" (only in ${rare.url}'s activities) lists it, no other language`,
    [`results: ${hrefs.join(' ')}`]);
  await page.goto(pages.objective.replace(/\/[^/]+\/$/, '/8/'));
  // the list under the first h2 ("workstreams that list it"), not the mentioned ones after it
  const expected = (await page.evaluate(() => {
    const out = [];
    let n = document.querySelector('main h2');
    while (n && (n = n.nextElementSibling) && n.tagName !== 'H2')
      for (const a of n.querySelectorAll('a[href]')) out.push(new URL(a.href).pathname);
    return out;
  })).filter((h) => h.split('/').length === 6 && h.includes(lang === 'es' ? '/planes/' : '/workplans/'));
  await page.goto(searchUrl);
  const got = await page.evaluate(async () => {
    const box = document.getElementById('search');
    const f = JSON.parse(box.dataset.facets).find((x) => x.id === 'objectives');
    const pf = await import(box.dataset.bundle + 'pagefind.js');
    const r = await pf.search(null, { filters: { [f.name]: f.values['8'] } });
    return (await Promise.all(r.results.map((x) => x.data()))).map((d) => new URL(d.url, location.href).pathname);
  });
  const a = [...new Set(expected)].sort(), b = [...new Set(got)].sort();
  report(a.length > 0 && JSON.stringify(a) === JSON.stringify(b),
    `search ${lang}: the objective 8 filter lists the objective page's ${a.length} workstreams`,
    [`objective page: ${a.join(' ')}`, `search: ${b.join(' ')}`]);
}

async function main() {
  const server = await serve(path.resolve(site));
  const base = `http://127.0.0.1:${server.address().port}/`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plansite-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = browser.pages()[0] || await browser.newPage();
    const langs = fs.readdirSync(site).filter((d) => /^[a-z]{2}$/.test(d) &&
      fs.existsSync(path.join(site, d, 'index.html'))).sort();
    for (const lang of langs) {
      const pages = await findPages(page, base, lang);
      for (const [name, url] of Object.entries(pages)) await axeCheck(page, name, url);
      for (const [name, url] of Object.entries(pages))
        await printCheck(page, name, url, ['workstream', 'objectives index'].includes(name)
          ? `browser-print-${name.replace(/ /g, '-')}-${lang}.pdf` : null);
      await findingChecks(page, pages, lang);
      await searchCheck(page, base, lang, pages);
      await page.goto(pages.workstream);
      await page.screenshot({ path: path.join(artifacts, `screen-workstream-${lang}.png`), fullPage: false });
    }
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => { report(false, `browser checks ran (${e.message.split('\n')[0]})`); })
  .finally(() => process.exit(failures ? 1 : 0));
