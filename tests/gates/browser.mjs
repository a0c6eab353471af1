// Browser gates over whole built sites, in Debian's Chromium driven by playwright-core:
//  - every .html file of the site is loaded (so page types added later are checked without new
//    wiring) at 360 px: no horizontal scrolling, axe-core WCAG 2.1 A + AA with 0 violations;
//  - again with JavaScript disabled: the page still shows its heading and its content (search
//    results pages excepted: they need JavaScript by design);
//  - page weight as a browser loads it (HTML + CSS + JS requested at start, gzip), reported per
//    page type; a procedure page above 50 KB fails;
//  - the journey home → field → procedure → unit by clicking links, with and without JavaScript;
//  - for a hostile site (--hostile): no payload runs (each would set window.__xss) and the
//    payload text is shown escaped.
//
//  - with --sample N, only the first N pages of each page type (a province-sized site, whose
//    thousands of procedure pages are all of one type already checked on the other sites).
//
// Usage: node browser.mjs [--base-url URL] [--hostile] [--sample N] NAME=DIR [NAME=DIR ...]
// Sites must be built with --base-url URL (default https://gates.invalid): requests to it are
// answered from the same folder, so the 404 page's absolute links load too.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serve, resolve } from './serve.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTH = 360;
const PROCEDURE_LIMIT = 50 * 1024;
const PROCEDURE_GOAL = 30 * 1024;
/** Pages that need JavaScript by design (the site map: search reads `q` in the browser). */
const NEEDS_JS = [/^\/tim-kiem\//];

const args = process.argv.slice(2);
let baseUrl = 'https://gates.invalid';
let hostile = false;
let sample = Infinity;
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-url') baseUrl = args[++i].replace(/\/$/, '');
  else if (args[i] === '--hostile') hostile = true;
  else if (args[i] === '--sample') sample = Number(args[++i]);
  else {
    const [name, dir] = args[i].split('=');
    sites.push({ name, dir: path.resolve(dir) });
  }
}
/** For a hostile site: the text each page must show, as written (`expect.json` beside content/). */
const EXPECTED = hostile ? JSON.parse(fs.readFileSync(process.env.HOSTILE_EXPECT, 'utf8')) : {};
let expectedSeen = 0;
if (!sites.length) {
  console.error('usage: node browser.mjs [--base-url URL] [--hostile] NAME=DIR ...');
  process.exit(2);
}

const failures = [];
const fail = (site, page, msg) => failures.push(`${site}: ${page}: ${msg}`);

/** Every .html file of `dir` as the URL path a visitor uses. */
function pagesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) {
        const rel = path.relative(dir, p).split(path.sep).join('/');
        out.push({ file: p, url: '/' + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel) });
      }
    }
  };
  walk(dir);
  return out;
}

/** A page's type: its first path segment, later segments as a star (so /thu-tuc/x/ is of type /thu-tuc/STAR/). */
function typeOf(url) {
  if (url === '/') return 'home /';
  if (url === '/404.html') return '404';
  const segs = url.split('/').filter(Boolean);
  return '/' + [segs[0], ...segs.slice(1).map(() => '*')].join('/') + (url.endsWith('/') ? '/' : '');
}

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

async function newContext(site, javaScriptEnabled) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 }, javaScriptEnabled });
  // Absolute links built from base_url are answered from the same site folder.
  await context.route(`${baseUrl}/**`, async (route) => {
    const file = resolve(site.dir, new URL(route.request().url()).pathname.slice(new URL(baseUrl).pathname.length) || '/');
    if (file) await route.fulfill({ path: file });
    else await route.fulfill({ status: 404, path: path.join(site.dir, '404.html') });
  });
  return context;
}

/** Loads `url`, recording what the browser fetched; returns { page, status, loaded }. */
async function open(context, url) {
  const page = await context.newPage();
  const loaded = [];
  const errors = [];
  page.on('response', (r) => loaded.push(r));
  page.on('pageerror', (e) => errors.push(String(e)));
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, status: response?.status(), loaded, errors };
}

async function gzipWeight(loaded) {
  let total = 0;
  const parts = [];
  for (const r of loaded) {
    const type = r.request().resourceType();
    if (!['document', 'stylesheet', 'script'].includes(type)) continue;
    try {
      const n = gz(await r.body());
      total += n;
      parts.push(`${type} ${n}`);
    } catch {
      // A redirect has no body.
    }
  }
  return { total, parts };
}

const stats = { pages: 0, axeRules: new Set(), axeChecks: 0, weights: new Map(), redirects: 0 };

async function checkSite(site) {
  const server = await serve(site.dir);
  const seenOfType = new Map();
  const pages = pagesOf(site.dir).filter(({ url }) => {
    const n = (seenOfType.get(typeOf(url)) ?? 0) + 1;
    seenOfType.set(typeOf(url), n);
    return n <= sample;
  });
  const js = await newContext(site, true);
  const nojs = await newContext(site, false);
  const checkPage = async ({ file, url: urlPath }) => {
    const html = fs.readFileSync(file, 'utf8');
    // The 404 page is served at any depth: load it where a visitor meets it.
    const url = server.url + (urlPath === '/404.html' ? '/khong-co/trang-nay/' : urlPath);
    stats.pages++;
    if (/<meta[^>]+http-equiv=["']?refresh/i.test(html)) {
      // A redirect page (an old slug): it must lead to a page that exists.
      stats.redirects++;
      const { page } = await open(nojs, url);
      await page.waitForURL((u) => u.href !== url, { timeout: 5000 }).catch(() => {});
      const h1 = await page.locator('h1').first().textContent().catch(() => null);
      if (page.url() === url || !h1) fail(site.name, urlPath, `redirect does not lead to a page (at ${page.url()})`);
      await page.close();
      return;
    }
    // JavaScript on: width, accessibility, weight.
    const { page, status, loaded, errors } = await open(js, url);
    const expected = urlPath === '/404.html' ? 404 : 200;
    if (status !== expected) fail(site.name, urlPath, `HTTP ${status}, expected ${expected}`);
    for (const e of errors) fail(site.name, urlPath, `JavaScript error: ${e}`);
    const failed = loaded.filter((r) => r.status() >= 400 && r.url() !== page.url());
    // Hostile content links to broken images on purpose (their onerror is the payload).
    if (!hostile) for (const r of failed) fail(site.name, urlPath, `${r.status()} loading ${r.url()}`);
    const width = await page.evaluate(() => document.scrollingElement.scrollWidth);
    if (width > WIDTH) {
      const culprits = await page.evaluate((w) => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > w + 0.5)
        .slice(0, 3).map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`), WIDTH);
      fail(site.name, urlPath, `scrolls horizontally at ${WIDTH} px (scrollWidth ${width}; ${culprits.join(', ')})`);
    }
    // Hostile content is judged on safety, not accessibility (its images have no alt on purpose).
    if (!hostile) await axeCheck(site, urlPath, page);
    const weight = await gzipWeight(loaded);
    const type = typeOf(urlPath);
    const w = stats.weights.get(`${site.name} ${type}`) ?? { n: 0, max: 0, maxUrl: '', sum: 0 };
    w.n++;
    w.sum += weight.total;
    if (weight.total > w.max) Object.assign(w, { max: weight.total, maxUrl: urlPath });
    stats.weights.set(`${site.name} ${type}`, w);
    if (type === '/thu-tuc/*/' && weight.total > PROCEDURE_LIMIT) {
      fail(site.name, urlPath, `procedure page weighs ${(weight.total / 1024).toFixed(1)} KB gzip (${weight.parts.join(', ')}), limit ${PROCEDURE_LIMIT / 1024} KB`);
    }
    const jsText = await page.evaluate(() => document.querySelector('main')?.innerText.trim() ?? '');
    if (hostile) await checkHostile(site, urlPath, page);
    await page.close();

    // JavaScript off: the same content is there.
    if (NEEDS_JS.some((re) => re.test(urlPath))) return;
    const off = await open(nojs, url);
    const h1 = (await off.page.locator('h1').first().innerText().catch(() => '')).trim();
    const text = await off.page.evaluate(() => document.querySelector('main')?.innerText.trim() ?? '');
    if (!h1) fail(site.name, urlPath, 'without JavaScript: no visible <h1>');
    if (text.length < 0.9 * jsText.length || text.length === 0) {
      fail(site.name, urlPath, `without JavaScript: main shows ${text.length} characters, ${jsText.length} with it`);
    }
    const offWidth = await off.page.evaluate(() => document.scrollingElement.scrollWidth);
    if (offWidth > WIDTH) fail(site.name, urlPath, `without JavaScript: scrolls horizontally (scrollWidth ${offWidth})`);
    if (hostile) await checkHostile(site, urlPath, off.page);
    await off.page.close();
  };
  // Two pages at a time: the machine has two cores, and a page spends much of its time waiting.
  let next = 0;
  const worker = async () => {
    while (next < pages.length) await checkPage(pages[next++]);
  };
  await Promise.all([worker(), worker()]);
  if (!hostile) {
    await journey(site, js, server.url, 'JavaScript on');
    await journey(site, nojs, server.url, 'JavaScript off');
  }
  await js.close();
  await nojs.close();
  await server.close();
}

/** axe-core, WCAG 2.1 A and AA rules: 0 violations. */
async function axeCheck(site, urlPath, page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const axe = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
  for (const group of ['passes', 'violations', 'incomplete', 'inapplicable']) for (const r of axe[group]) stats.axeRules.add(r.id);
  stats.axeChecks++;
  for (const v of axe.violations) {
    fail(site.name, urlPath, `axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
}

/** Home → a field → a procedure → a unit that handles it, by clicking links as a visitor would. */
async function journey(site, context, base, mode) {
  const page = await context.newPage();
  const steps = [
    ['a field', 'a[href*="linh-vuc/"]'],
    ['a procedure', 'main a[href*="thu-tuc/"]:not([href$="thu-tuc/"])'],
    ['a unit', 'main a[href*="don-vi/"]'],
  ];
  await page.goto(base + '/');
  const trail = ['/'];
  for (const [what, selector] of steps) {
    const link = page.locator(selector).first();
    if (!(await link.count())) {
      fail(site.name, trail.join(' → '), `journey: no link to ${what} (${selector})`);
      break;
    }
    const from = new URL(page.url()).pathname;
    const href = await link.getAttribute('href');
    // A link inside a closed <details> is reached by opening it first, as a visitor does.
    const summary = link.locator('xpath=ancestor::details[not(@open)]/summary');
    if (await summary.count()) await summary.first().click();
    try {
      await Promise.all([page.waitForURL((u) => u.pathname !== from, { timeout: 10000 }), link.click({ timeout: 10000 })]);
    } catch (e) {
      fail(site.name, trail.join(' → '), `journey (${mode}): clicking the link to ${what} (href="${href}") led nowhere: ${e.message.split('\n')[0]}`);
      break;
    }
    trail.push(new URL(page.url()).pathname);
    const h1 = (await page.locator('h1').first().innerText().catch(() => '')).trim();
    if (!h1) fail(site.name, trail.join(' → '), `journey: ${what} has no heading`);
  }
  stats.journeys = (stats.journeys ?? []).concat(`${site.name} (${mode}): ${trail.join(' → ')}`);
  await page.close();
}

/** No payload ran, no dangerous attribute survived, and the payload text is on the page. */
async function checkHostile(site, urlPath, page) {
  // Let anything deferred (onload, timers, animations, refresh) have its chance, and poke the
  // page as a visitor would: hover and focus every link.
  await page.waitForTimeout(100);
  const found = await page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (a.name.startsWith('on')) bad.push(`<${el.localName} ${a.name}>`);
        if (/^(javascript|vbscript|data):/.test(v) && ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data'].includes(a.name)) bad.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
      }
    }
    for (const s of document.scripts) {
      // A JSON-LD data block never runs: the payload text may be in it as JSON data, but the
      // block must parse whole (a payload that closed it early would leave broken JSON).
      if (s.type === 'application/ld+json') {
        try { JSON.parse(s.textContent); } catch (e) { bad.push(`<script> JSON-LD that does not parse: ${s.textContent.slice(0, 60)}`); }
        continue;
      }
      if (s.textContent.includes('__xss') || (s.src && !s.src.startsWith(location.origin))) bad.push(`<script> ${s.outerHTML.slice(0, 60)}`);
    }
    for (const tag of ['iframe', 'object', 'embed', 'base', 'math', 'style', 'link', 'meta']) {
      for (const el of document.querySelectorAll(tag)) if (el.closest('body')) bad.push(`<${tag}> in the body`);
    }
    return bad;
  });
  for (const b of found) fail(site.name, urlPath, `hostile: dangerous markup survived: ${b}`);
  const flag = await page.evaluate(() => window.__xss);
  if (flag !== undefined) fail(site.name, urlPath, `hostile: a payload ran (window.__xss = ${JSON.stringify(flag)})`);
  const text = await page.evaluate(() => document.body.innerText);
  for (const literal of EXPECTED[urlPath] ?? []) {
    if (!text.includes(literal)) fail(site.name, urlPath, `hostile: the text ${JSON.stringify(literal)} is not shown as written`);
    else expectedSeen++;
  }
}


const start = Date.now();
for (const site of sites) await checkSite(site);
await browser.close();

if (hostile) {
  const wanted = Object.values(EXPECTED).flat().length * 2; // with and without JavaScript
  if (expectedSeen !== wanted) failures.push(`hostile: ${expectedSeen} of ${wanted} payload texts shown as written`);
  console.log(`hostile: ${expectedSeen} of ${wanted} payload texts shown as written (with and without JavaScript)`);
}

console.log(`browser gates: ${stats.pages} pages (${stats.redirects} redirects) in ${sites.map((s) => s.name).join(', ')}; axe-core ${require('axe-core/package.json').version}: ${stats.axeRules.size} rules (${AXE_TAGS.join(', ')}) on ${stats.axeChecks} pages; ${((Date.now() - start) / 1000).toFixed(1)} s`);
for (const j of stats.journeys ?? []) console.log(`journey ${j}`);
console.log('page weight (gzip: HTML + CSS + JS loaded at start), per page type:');
for (const [type, w] of [...stats.weights].sort()) {
  const flag = type.endsWith('/thu-tuc/*/') ? (w.max > PROCEDURE_LIMIT ? '  FAIL > 50 KB' : w.max > PROCEDURE_GOAL ? '  (above the 30 KB goal)' : '') : '';
  console.log(`  ${type.padEnd(36)} ${String(w.n).padStart(4)} pages  mean ${(w.sum / w.n / 1024).toFixed(1).padStart(5)} KB  max ${(w.max / 1024).toFixed(1).padStart(5)} KB  ${w.maxUrl}${flag}`);
}
if (failures.length) {
  console.log(`\n${failures.length} browser gate failures:`);
  for (const f of failures.sort()) console.log(`  ${f}`);
  process.exit(1);
}
console.log('browser gates: ok');
