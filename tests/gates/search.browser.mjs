// Search in a real browser (Chromium through playwright-core), over a built site:
//  - typing a query without diacritics into the header box of the home page and pressing Enter
//    lands on /tim-kiem/?q=… with the expected first result, the count announced;
//  - typing on the search page narrows results live (the last syllable as a prefix);
//  - /tim-kiem/?q=<script>… shows the query as text: no payload runs, nothing injected;
//  - at 360 px the results page does not scroll sideways;
//  - the index files are asked for as a new build needs: `meta.json` at its plain address,
//    every other file with `?v=` the build `meta.json` names.
//
// Usage: node search.browser.mjs SITE_DIR [QUERY EXPECTED_FIRST_NAME_PREFIX]
// (default query "dang ky khai sinh", expecting "Đăng ký khai sinh": true of tests/fixtures/basic
// and of the bundled catalog). Exits 1 on failure.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const [dir, query = 'dang ky khai sinh', expected = 'Đăng ký khai sinh'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node search.browser.mjs SITE_DIR [QUERY EXPECTED_FIRST_NAME_PREFIX]');
  process.exit(2);
}
const failures = [];
const check = (ok, msg) => {
  if (!ok) failures.push(msg);
};

const server = await serve(dir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const indexRequests = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/tim-kiem/chi-muc/')) indexRequests.push(url);
  });

  // 1. The header box of the home page → the search page → the expected first result.
  await page.goto(`${server.url}/`);
  await page.locator('#header-q').click();
  await page.keyboard.type(query);
  await Promise.all([page.waitForURL(/\/tim-kiem\/\?q=/), page.keyboard.press('Enter')]);
  await page.locator('#search-results a').first().waitFor({ timeout: 10000 });
  const first = await page.locator('#search-results a').first().innerText();
  check(first.startsWith(expected), `header search "${query}": first result is "${first}", expected it to start with "${expected}"`);
  const status = await page.locator('#search-status').innerText();
  check(/^Tìm thấy \d[\d.]* thủ tục/.test(status), `the result count is announced: "${status}"`);
  check((await page.locator('#search-status').getAttribute('aria-live')) === 'polite', '#search-status is aria-live');
  check((await page.locator('#search-q').inputValue()) === query, 'the search box shows the query');
  const onlyLinks = await page.evaluate(() => [...document.querySelectorAll('#search-results > li')].every((li) => li.children.length === 1 && li.firstElementChild.tagName === 'A'));
  check(onlyLinks, '#search-results holds only the result links');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  check(!wide, 'the results page scrolls sideways at 360 px');

  const metaUrl = `${server.url}/tim-kiem/chi-muc/meta.json`;
  const build = (await (await fetch(metaUrl)).json()).build;
  const isMeta = (u) => u.pathname.endsWith('/meta.json');
  const metaRequests = indexRequests.filter(isMeta);
  check(metaRequests.length === 1 && !metaRequests[0].search, `meta.json asked for once at its own address: ${metaRequests.map(String).join(', ')}`);
  const others = indexRequests.filter((u) => !isMeta(u));
  check(others.length > 0 && others.every((u) => u.searchParams.get('v') === build), `index files carry ?v=${build}: ${others.map((u) => u.pathname + u.search).slice(0, 5).join(', ')}`);

  // 2. Live results while typing: an unfinished last syllable is a prefix.
  await page.locator('#search-q').fill('');
  await page.locator('#search-q').pressSequentially(query.slice(0, -2), { delay: 20 });
  await page
    .waitForFunction((v) => new URL(location.href).searchParams.get('q') === v, query.slice(0, -2), { timeout: 5000 })
    .catch(() => check(false, 'the address follows what is typed, so a search is a link'));
  await page.waitForFunction(
    (exp) => document.querySelector('#search-results a')?.textContent.startsWith(exp),
    expected,
    { timeout: 10000 },
  ).catch(() => check(false, `typing "${query.slice(0, -2)}" does not show "${expected}" first`));

  // 3. A hostile query is shown as text.
  const payload = '<script>window.__xss=1</script><img src=x onerror="window.__xss=1">';
  await page.goto(`${server.url}/tim-kiem/?q=${encodeURIComponent(payload)}`);
  await page.waitForFunction(() => document.querySelector('#search-status')?.textContent.length > 0, null, { timeout: 10000 });
  check((await page.evaluate(() => window.__xss)) === undefined, 'a payload in ?q= ran');
  check((await page.locator('#search-status').innerText()).includes('<script>'), 'the query is shown as text in the status');
  check((await page.locator('#search-q').inputValue()) === payload, 'the search box shows the query as typed');
  check((await page.locator('main img, main script:not([src])').count()) === 0, 'the query injected elements');
  check(errors.length === 0, `page errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
if (failures.length) {
  console.error(`search browser test: ${failures.length} failure(s)\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('search browser test: ok (header box → results, live prefix, escaping, 360 px, index files of one build)');
