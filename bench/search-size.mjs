// Benchmark (not a test): the bytes a first search downloads, congkhai against Pagefind 1.6,
// measured in Chromium (playwright-core from tests/gates) over the same built site.
//
// For each catalog size: generate (bench/generate.mjs), build with congkhai, index the built
// site with Pagefind, then for each query load a fresh browser context and record every
// search request: congkhai's /tim-kiem/?q=… page (search.js + index files, 10 results shown)
// and a bare page calling Pagefind's JS API (pagefind.js, its entry, wasm, meta, index chunks
// and the fragments of the first 10 results; Pagefind's UI would add its own code on top).
// Page HTML and CSS are not counted. Each file counts gzip-compressed (level 6, what a server
// sends) or raw if smaller (Pagefind's .pf_ files are already compressed).
//
// Usage: node bench/search-size.mjs [--sizes 1000,10000] [--bin target/debug/congkhai]
// Writes bench/out/<size>/ and prints a Markdown table.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const { chromium } = await import(pathToFileURL(path.join(repo, 'tests/gates/node_modules/playwright-core/index.mjs')).href);
const { serve } = await import(pathToFileURL(path.join(repo, 'tests/gates/serve.mjs')).href);

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const sizes = opt('sizes', '1000,10000').split(',').map(Number);
const bin = path.resolve(repo, opt('bin', 'target/debug/congkhai'));
const QUERIES = ['dang ky khai sinh', 'chứng thực bản sao', 'giấy phép xây dựng'];

const gz = (buf) => Math.min(buf.length, zlib.gzipSync(buf, { level: 6 }).length);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

/** Loads `url` in a fresh context; returns the search requests (by `keep`) with sizes. */
async function firstQuery(url, keep, ready) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  page.on('response', async (r) => {
    const u = new URL(r.url());
    if (!keep(u.pathname)) return;
    try {
      const body = await r.body();
      files.push({ path: u.pathname, raw: body.length, gz: gz(body) });
    } catch {
      /* redirects have no body */
    }
  });
  await page.goto(url);
  const hits = await ready(page);
  await page.waitForTimeout(300);
  await context.close();
  return { hits, files, raw: files.reduce((s, f) => s + f.raw, 0), gz: files.reduce((s, f) => s + f.gz, 0) };
}

const rows = [];
for (const size of sizes) {
  const dir = path.join(here, 'out', String(size));
  const site = path.join(dir, 'public');
  execFileSync('node', [path.join(here, 'generate.mjs'), '--count', String(size), '--out', dir], { stdio: 'inherit' });
  execFileSync(bin, ['build', '--root', dir, '--out', site], { stdio: 'inherit' });
  execFileSync(path.join(here, 'node_modules/.bin/pagefind'), ['--site', site, '--quiet'], { stdio: 'inherit' });
  fs.writeFileSync(
    path.join(site, 'pagefind-bench.html'),
    `<!DOCTYPE html><meta charset="utf-8"><title>pagefind</title><script type="module">
const q = new URLSearchParams(location.search).get('q');
const pf = await import('/pagefind/pagefind.js');
await pf.init();
const r = await pf.search(q);
const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
window.__done = { hits: r.results.length, first: data[0]?.meta?.title ?? '' };
</script>`,
  );
  const server = await serve(site);
  for (const q of QUERIES) {
    const ours = await firstQuery(
      `${server.url}/tim-kiem/?q=${encodeURIComponent(q)}`,
      (p) => p.startsWith('/tim-kiem/chi-muc/') || p === '/assets/search.js',
      async (page) => {
        await page.waitForFunction(() => /Tìm thấy|Không/.test(document.querySelector('#search-status')?.textContent ?? ''), null, { timeout: 60000 });
        return page.evaluate(() => ({ first: document.querySelector('#search-results a .name')?.textContent ?? '', status: document.querySelector('#search-status').textContent }));
      },
    );
    const pf = await firstQuery(
      `${server.url}/pagefind-bench.html?q=${encodeURIComponent(q)}`,
      (p) => p.startsWith('/pagefind/'),
      async (page) => {
        await page.waitForFunction(() => window.__done, null, { timeout: 60000 });
        return page.evaluate(() => window.__done);
      },
    );
    rows.push({ size, q, ours, pf });
    console.error(`${size} "${q}": congkhai ${ours.gz} B gz in ${ours.files.length} files (${ours.hits.status}); pagefind ${pf.gz} B gz in ${pf.files.length} files (${pf.hits.hits} results)`);
  }
  await server.close();
  fs.writeFileSync(path.join(dir, 'search-size.json'), JSON.stringify(rows.filter((r) => r.size === size), null, 1));
}
await browser.close();

const kb = (b) => (b / 1024).toFixed(1).replace('.', ',');
console.log('| Procedures | Query | congkhai (files, KB gzip) | Pagefind 1.6 (files, KB gzip) | Ratio | congkhai first result | Pagefind results |');
console.log('|---:|---|---:|---:|---:|---|---:|');
for (const r of rows) {
  console.log(
    `| ${r.size.toLocaleString('vi-VN')} | ${r.q} | ${r.ours.files.length} files, ${kb(r.ours.gz)} | ${r.pf.files.length} files, ${kb(r.pf.gz)} | ${(r.ours.gz / r.pf.gz).toFixed(2).replace('.', ',')} | ${r.ours.hits.first} | ${r.pf.hits.hits} |`,
  );
}
