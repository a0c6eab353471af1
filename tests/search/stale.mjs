// A visitor whose site is updated while they search: runs the site's search module
// (assets/search.js of NEW_SITE) over files read from disk, first from OLD_SITE and then, from
// a chosen moment on, from NEW_SITE, as a static host would answer during an update.
//
// Usage: node stale.mjs OLD_SITE NEW_SITE QUERY
// Prints, as JSON: { afterMeta, afterSearch, builds } where
//  - afterMeta: the site changes right after `meta.json` is read (the shards come from the
//    new build): { hits, metaReads, stale } with the hits' URLs as search() returns them;
//  - afterSearch: the site changes between the search and its summaries (what the page does
//    on StaleIndex: reset, search again, summaries): { hits, metaReads, stale };
//  - builds: whether every file but meta.json was asked for with the build of the meta.json
//    read before it (the `?v=` of the page's requests).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [oldSite, newSite, query] = process.argv.slice(2);
const { SearchIndex, StaleIndex } = await import(pathToFileURL(path.join(newSite, 'assets', 'search.js')).href);
const indexDir = (site) => {
  const html = fs.readFileSync(path.join(site, 'tim-kiem', 'index.html'), 'utf8');
  return path.join(site, 'tim-kiem', /data-index="([^"]+)"/.exec(html)[1]);
};

let buildsRight = true;
/** A site that serves OLD_SITE until `change()`, then NEW_SITE. */
function host() {
  const h = { dir: indexDir(oldSite), metaReads: 0, lastBuild: null, onMeta: null };
  h.change = () => (h.dir = indexDir(newSite));
  h.load = async (p, build) => {
    let bytes;
    try {
      bytes = new Uint8Array(fs.readFileSync(path.join(h.dir, p)));
    } catch {
      bytes = null;
    }
    if (p === 'meta.json') {
      if (build) buildsRight = false;
      h.metaReads++;
      h.lastBuild = bytes && JSON.parse(new TextDecoder().decode(bytes)).build;
      h.onMeta?.();
    } else if (build !== h.lastBuild) {
      buildsRight = false;
    }
    return bytes;
  };
  return h;
}

const urls = async (index, hits) => (await index.summaries(hits.slice(0, 10).map((x) => x.doc))).map((s) => `thu-tuc/${s.slug}/`);

// 1. The update lands between meta.json and the shards.
const a = host();
a.onMeta = () => {
  if (a.metaReads === 1) a.change();
};
const ia = new SearchIndex('unused/', a.load);
const ra = await ia.search(query);
const afterMeta = { hits: await urls(ia, ra.hits), metaReads: a.metaReads };

// 2. The update lands between the search and the summaries of its results.
const b = host();
const ib = new SearchIndex('unused/', b.load);
const rb = await ib.search(query);
b.change();
let stale = false;
let hits;
try {
  hits = await urls(ib, rb.hits);
} catch (e) {
  if (!(e instanceof StaleIndex)) throw e;
  stale = true;
  ib.reset();
  hits = await urls(ib, (await ib.search(query)).hits);
}
const afterSearch = { hits, metaReads: b.metaReads, stale };

process.stdout.write(JSON.stringify({ afterMeta, afterSearch, builds: buildsRight }, null, 1));
