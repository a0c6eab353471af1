// Runs the site's search module (assets/search.js) in Node over a built site's files, read
// from disk instead of fetched: the other half of the parity test in tests/search.rs.
//
// Usage: node run.mjs SITE_DIR QUERIES_JSON [LIMIT] [--prefix]
// Prints, as JSON, for each query: { query, total, fallback, status, hits: [{ url, code, name, score }] },
// where `status` is what the search page says above the results.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [site, queriesFile, limitArg, ...flags] = process.argv.slice(2);
const limit = Number(limitArg ?? 10);
const prefix = flags.includes('--prefix');
const { SearchIndex, statusText } = await import(pathToFileURL(path.join(site, 'assets', 'search.js')).href);
const html = fs.readFileSync(path.join(site, 'tim-kiem', 'index.html'), 'utf8');
const indexUrl = /data-index="([^"]+)"/.exec(html)[1];
const base = path.join(site, 'tim-kiem', indexUrl);
const index = new SearchIndex(base, async (p) => {
  try {
    return new Uint8Array(fs.readFileSync(path.join(base, p)));
  } catch {
    return null;
  }
});
const out = [];
for (const query of JSON.parse(fs.readFileSync(queriesFile, 'utf8'))) {
  const r = await index.search(query, { prefix });
  const top = r.hits.slice(0, limit);
  const sums = await index.summaries(top.map((h) => h.doc));
  out.push({
    query,
    total: r.total,
    fallback: r.fallback,
    status: statusText(query, r),
    hits: top.map((h, i) => ({ url: `thu-tuc/${sums[i].slug}/`, code: sums[i].code, name: sums[i].name, score: h.score })),
  });
}
process.stdout.write(JSON.stringify(out, null, 1));
