// congkhai search: queries the static index exported from tantivy (src/search/export.rs) and
// ranks with tantivy's BM25, so the order here is the order of `congkhai search`.
// No framework, no bundler, no dependency. Everything from the index or the query is shown
// with textContent, never as HTML.
//
// The analyzer mirrors src/search/analyzer.rs rule for rule: NFC → syllables (letters and
// digits; a `.` between a digit and a letter or digit stays, for codes) → lowercase → fold
// (NFD, drop U+0300–U+036F, đ → d). Scores are computed in f32 (Math.fround) in tantivy's
// order of operations: K1 1.2, B 0.75, idf ln(1 + (N − n + 0.5)/(n + 0.5)), quantised field
// norms, boosts, sums.

const MAX_TOKEN_CHARS = 40;
const WORD = /^[\p{Alphabetic}\p{N}]$/u;
const ASCII_DIGIT = /^[0-9]$/;
const ASCII_ALNUM = /^[0-9A-Za-z]$/;
/** Field ids, as in src/search/index.rs FIELDS. */
const NAME = 0, CODE = 1, KEYWORDS = 2, BODY = 3, ACCENTS = 4, PAIRS = 5;
const FOLDED_FIELDS = [NAME, CODE, KEYWORDS, BODY];
/** How many vocabulary terms the last, unfinished syllable expands to while typing. */
const PREFIX_EXPANSIONS = 8;

const f32 = Math.fround;
const K1 = f32(1.2);
const B = f32(0.75);

/** The lowercase NFC tokens of `text`. */
export function tokens(text) {
  const chars = Array.from(String(text).normalize('NFC'));
  const out = [];
  let cur = '';
  const push = (t) => {
    if (Array.from(t).length <= MAX_TOKEN_CHARS) out.push(t.toLowerCase());
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (WORD.test(c)) cur += c;
    else if (c === '.' && i > 0 && ASCII_DIGIT.test(chars[i - 1]) && i + 1 < chars.length && ASCII_ALNUM.test(chars[i + 1])) cur += c;
    else if (cur) {
      push(cur);
      cur = '';
    }
  }
  if (cur) push(cur);
  return out;
}

/** Folds Vietnamese letters to ASCII (src/text.rs `fold`). */
export function fold(s) {
  let out = '';
  for (const c of s.normalize('NFD')) {
    if (c === 'đ') out += 'd';
    else if (c === 'Đ') out += 'D';
    else if (c >= '\u0300' && c <= '\u036f') continue;
    else out += c;
  }
  return out;
}

/** The analysed query: distinct syllables `{accented, folded}` and distinct pairs. */
export function analyze(q) {
  const all = tokens(q).map((accented) => ({ accented, folded: fold(accented) }));
  const terms = [];
  for (const s of all) {
    if (!terms.some((t) => t.folded === s.folded && t.accented === s.accented)) terms.push(s);
  }
  const bigrams = [];
  for (let i = 0; i + 1 < all.length; i++) {
    const b = `${all[i].folded} ${all[i + 1].folded}`;
    if (!bigrams.includes(b)) bigrams.push(b);
  }
  return { terms, bigrams };
}

/** FNV-1a, 32 bits, over UTF-8 (src/search/export.rs `fnv1a32`). */
export function fnv1a32(str) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(str)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The format of the index files this code reads (src/search/export.rs `FORMAT`). */
const FORMAT = 2;
/** Bytes of the epoch at the start of each binary file. */
const EPOCH_BYTES = 8;

/**
 * Thrown when a file of the index belongs to another build than the `meta.json` read first
 * (the site was updated between two requests): its document ids would name other procedures.
 */
export class StaleIndex extends Error {
  constructor(path) {
    super(`search index changed while reading ${path}`);
    this.stale = true;
  }
}

/** The epoch at the start of a binary file, as the hex string `meta.json` gives. */
function epochOf(bytes) {
  let hex = '';
  for (let i = 0; i < EPOCH_BYTES && i < bytes.length; i++) hex += bytes[i].toString(16).padStart(2, '0');
  return hex;
}

/** Reads one shard (after its epoch): Map term → [{field, docs: Uint32Array, freqs: Uint32Array}]. */
function parseShard(bytes, wanted) {
  const out = new Map();
  let pos = EPOCH_BYTES;
  const varint = () => {
    let v = 0, shift = 0, b;
    do {
      b = bytes[pos++];
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return v;
  };
  const decoder = new TextDecoder();
  while (pos < bytes.length) {
    const len = varint();
    const term = decoder.decode(bytes.subarray(pos, pos + len));
    pos += len;
    const nFields = varint();
    const keep = wanted.has(term);
    const lists = [];
    for (let f = 0; f < nFields; f++) {
      const field = bytes[pos++];
      const df = varint();
      const docs = new Uint32Array(df);
      const freqs = new Uint32Array(df);
      let d = 0;
      for (let i = 0; i < df; i++) {
        d = i === 0 ? varint() : d + varint();
        docs[i] = d;
      }
      for (let i = 0; i < df; i++) freqs[i] = varint();
      if (keep) lists.push({ field, docs, freqs });
    }
    if (keep) out.set(term, lists);
  }
  return out;
}

/**
 * The default loader: fetches `base + path`, null when missing. `meta.json` (no `build`) is
 * asked of the server every time (`no-cache`: revalidated, so a new build is seen at once);
 * every other file carries the build it is read for (`?v=`), so no cache on the way can
 * answer with a file of an older build under the same address.
 */
function fetchLoader(base) {
  return async (path, build) => {
    const url = new URL(path, base);
    if (build) url.searchParams.set('v', build);
    const res = await fetch(url, build ? undefined : { cache: 'no-cache' });
    if (!res.ok) return null;
    return new Uint8Array(await res.arrayBuffer());
  };
}

export class SearchIndex {
  /**
   * @param {string|URL} base the index folder's URL (ends with `/`)
   * @param {(path: string, build?: string) => Promise<Uint8Array|null>} [load] reads a file
   *   of the index (`build`: the `meta.json` it is read for; none for `meta.json` itself)
   */
  constructor(base, load) {
    this.load = load ?? fetchLoader(base);
    this.reset();
  }

  /** Forgets everything read: the next search reads `meta.json` again. */
  reset() {
    this.cache = new Map();
    this.metaPromise = null;
  }

  /** Loads a file once (the promise is cached, so parallel callers share one request). */
  file(path, build) {
    if (!this.cache.has(path)) this.cache.set(path, this.load(path, build));
    return this.cache.get(path);
  }

  /** A binary file of the build `meta` describes (its epoch checked). */
  async binary(meta, path) {
    const bytes = await this.file(path, meta.build);
    if (!bytes || epochOf(bytes) !== meta.epoch) throw new StaleIndex(path);
    return bytes;
  }

  async json(path, build) {
    const bytes = await this.file(path, build);
    return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  }

  async meta() {
    if (!this.metaPromise) {
      this.metaPromise = this.json('meta.json').then((m) => {
        if (!m) throw new Error('search index missing');
        if (m.version !== FORMAT) throw new Error(`search index format ${m.version}, expected ${FORMAT}`);
        // tantivy: average field norm and the per-norm-id BM25 length factor, in f32.
        m.tf = m.fields.map((f) => {
          const avg = f32(f32(f.tokens) / f32(m.docs));
          return m.norms.map((n) => f32(K1 * f32(f32(1 - B) + f32(f32(B * f32(n)) / avg))));
        });
        return m;
      });
    }
    return this.metaPromise;
  }

  /** Postings of `terms` (strings): Map term → lists, one request per shard. */
  async postings(terms) {
    const meta = await this.meta();
    const byShard = new Map();
    for (const t of terms) {
      const s = fnv1a32(t) & (meta.shards - 1);
      if (!byShard.has(s)) byShard.set(s, new Set());
      byShard.get(s).add(t);
    }
    const found = new Map();
    await Promise.all(
      [...byShard].map(async ([shard, wanted]) => {
        const bytes = await this.binary(meta, `s/${shard}.bin`);
        for (const [t, lists] of parseShard(bytes, wanted)) found.set(t, lists);
      }),
    );
    return found;
  }

  /** One byte per document (after the epoch). */
  async norms(field) {
    const meta = await this.meta();
    return (await this.binary(meta, `n/${meta.fields[field].name}.bin`)).subarray(EPOCH_BYTES);
  }

  /**
   * The syllables an unfinished `prefix` may become, most frequent first: those that follow
   * `prev` in a name or keyword when there is a previous syllable, else any that starts so.
   */
  async expand(prev, prefix) {
    const byFreq = (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    const { build } = await this.meta();
    const vocab = async (s) => (await this.json(`v/${/[0-9a-z]/.test(s[0]) ? s[0] : '_'}.json`, build)) ?? [];
    if (prev) {
      const start = `${prev} ${prefix}`;
      const pairs = (await vocab(prev)).filter(([t]) => t.startsWith(start)).sort(byFreq);
      if (pairs.length) return pairs.slice(0, PREFIX_EXPANSIONS).map(([t]) => t.slice(prev.length + 1));
    }
    return (await vocab(prefix))
      .filter(([t]) => t.startsWith(prefix) && !t.includes(' '))
      .sort(byFreq)
      .slice(0, PREFIX_EXPANSIONS)
      .map(([t]) => t);
  }

  /**
   * Searches: every syllable required and, when no procedure has them all, any of them.
   * With `prefix`, the last syllable also matches the vocabulary terms it begins (typing).
   * A file of another build than the `meta.json` read first makes it read `meta.json` again
   * and search once more; a second mismatch throws {@link StaleIndex}.
   * @returns {Promise<{hits: {doc: number, score: number}[], total: number, fallback: boolean}>}
   */
  async search(q, options) {
    try {
      return await this.searchOnce(q, options);
    } catch (e) {
      if (!(e instanceof StaleIndex)) throw e;
      this.reset();
      return this.searchOnce(q, options);
    }
  }

  async searchOnce(q, { prefix = false } = {}) {
    const meta = await this.meta();
    const { terms, bigrams } = analyze(q);
    if (!terms.length || !meta.docs) return { hits: [], total: 0, fallback: false };
    // Each clause: a list of [field, term, boost] whose scores are summed.
    const clauses = terms.map((s) => {
      const c = FOLDED_FIELDS.map((f) => [f, s.folded]);
      if (s.accented !== s.folded) c.push([ACCENTS, s.accented]);
      return c;
    });
    const extra = bigrams.map((b) => [PAIRS, b]);
    if (prefix) {
      const last = terms[terms.length - 1];
      const prev = terms.length > 1 ? terms[terms.length - 2].folded : '';
      const expansions = await this.expand(prev, last.folded);
      if (!expansions.includes(last.folded)) {
        clauses[clauses.length - 1] = expansions.flatMap((t) => FOLDED_FIELDS.map((f) => [f, t]));
        if (prev) for (const t of expansions) extra.push([PAIRS, `${prev} ${t}`]);
      }
    }
    const wanted = new Set([...clauses.flat(), ...extra].map(([, t]) => t));
    const postings = await this.postings(wanted);
    const fields = new Set();
    for (const lists of postings.values()) for (const l of lists) fields.add(l.field);
    const norms = new Map();
    await Promise.all([...fields].map(async (f) => norms.set(f, await this.norms(f))));

    const n = meta.docs;
    /** Scores of one [field, term] pair: Map doc → f32 score (tantivy's TermQuery × boost). */
    const termScores = (field, term) => {
      const list = (postings.get(term) ?? []).find((l) => l.field === field);
      const out = new Map();
      if (!list) return out;
      const df = list.docs.length;
      const idf = f32(Math.log(f32(1 + f32(f32(f32(n - df) + 0.5) / f32(f32(df) + 0.5)))));
      const weight = f32(idf * f32(1 + K1));
      const boost = f32(meta.fields[field].boost);
      const cache = meta.tf[field];
      const fieldNorms = norms.get(field);
      for (let i = 0; i < df; i++) {
        const tf = f32(list.freqs[i]);
        const tfFactor = f32(tf / f32(tf + cache[fieldNorms[list.docs[i]]]));
        out.set(list.docs[i], f32(f32(weight * tfFactor) * boost));
      }
      return out;
    };
    const sumOf = (pairs) => {
      const total = new Map();
      for (const [f, t] of pairs) {
        for (const [doc, s] of termScores(f, t)) total.set(doc, f32((total.get(doc) ?? 0) + s));
      }
      return total;
    };
    const clauseScores = clauses.map(sumOf);
    const extraScores = sumOf(extra);
    const combine = (requireAll) => {
      const docs = new Map();
      for (const scores of clauseScores) {
        for (const [doc, s] of scores) {
          const e = docs.get(doc) ?? { n: 0, score: 0 };
          e.n++;
          e.score = f32(e.score + s);
          docs.set(doc, e);
        }
      }
      const hits = [];
      for (const [doc, e] of docs) {
        if (requireAll && e.n < clauseScores.length) continue;
        hits.push({ doc, score: f32(e.score + (extraScores.get(doc) ?? 0)) });
      }
      hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
      return hits;
    };
    let hits = combine(true);
    let fallback = false;
    if (!hits.length && clauses.length > 1) {
      hits = combine(false);
      fallback = hits.length > 0;
    }
    return { hits, total: hits.length, fallback };
  }

  /**
   * Result summaries of `docs` (ids from a search since the last {@link reset}):
   * {slug, name, code, levels, field, time}. Throws {@link StaleIndex} when a summary file
   * belongs to another build: the ids must then come from a new search.
   */
  async summaries(docs) {
    const meta = await this.meta();
    const groups = await Promise.all(
      docs.map(async (d) => {
        const path = `r/${Math.floor(d / meta.group)}.json`;
        const group = await this.json(path, meta.build);
        if (group?.epoch !== meta.epoch) throw new StaleIndex(path);
        return group.rows;
      }),
    );
    return docs.map((d, i) => {
      const [slug, name, code, levels, field, time] = groups[i][d % meta.group];
      const levelNames = meta.levels.filter((_, bit) => levels & (1 << bit));
      return { slug, name, code, levels: levelNames.join(', '), field: meta.field_names[field] ?? '', time };
    });
  }
}

/** `7.599` */
function formatInt(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const PAGE_SIZE = 10;

/**
 * What the page says above the results of `q`. Only procedures with every term count as
 * found; when none has them all, the list holds partial matches and says so first, in the
 * words of `congkhai search` ("Không có thủ tục nào chứa đủ mọi từ; các thủ tục chứa một phần:").
 */
export function statusText(q, result) {
  const quoted = `“${String(q).trim()}”`;
  if (!result.hits.length) {
    return `Không tìm thấy thủ tục nào cho ${quoted}. Hãy thử ít từ hơn, kiểm tra chính tả, hoặc tra cứu theo lĩnh vực, đơn vị.`;
  }
  if (result.fallback) {
    return `Không có thủ tục nào chứa đủ mọi từ của ${quoted}; các thủ tục chứa một phần (${formatInt(result.total)} thủ tục):`;
  }
  return `Tìm thấy ${formatInt(result.total)} thủ tục cho ${quoted}.`;
}

/** The search page: reads `q`, searches, shows results as links; live while typing. */
function mountPage(root) {
  const input = document.getElementById('search-q');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const moreWrap = document.getElementById('search-more-wrap');
  const more = document.getElementById('search-more');
  const siteRoot = new URL(root.dataset.root || './', location.href);
  const index = new SearchIndex(new URL(root.dataset.index, location.href));
  let shown = PAGE_SIZE;
  let last = { hits: [] };
  let seq = 0;

  const render = async (q, result) => {
    const mine = seq;
    const page = result.hits.slice(0, shown);
    const summaries = await index.summaries(page.map((h) => h.doc));
    if (mine !== seq) return;
    const items = summaries.map((s) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = new URL(`thu-tuc/${encodeURIComponent(s.slug)}/`, siteRoot).href;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = s.name;
      const info = document.createElement('span');
      info.className = 'meta';
      info.textContent = [s.levels, s.field, (s.code ? `Mã ${s.code}` : "Mã chưa xác định"), s.time].filter(Boolean).join(' · ');
      a.append(name, ' ', info);
      li.append(a);
      return li;
    });
    list.replaceChildren(...items);
    moreWrap.hidden = result.hits.length <= shown;
    status.textContent = statusText(q, result);
  };

  // Searches and shows; when the site changed under the visitor (StaleIndex from the
  // summaries), once more from a fresh meta.json.
  const show = async (q, prefix, mine) => {
    const once = async () => {
      const result = await index.search(q, { prefix });
      if (mine !== seq) return;
      last = { q, prefix, result };
      await render(q, result);
    };
    try {
      await once();
    } catch (e) {
      if (!e?.stale) throw e;
      index.reset();
      await once();
    }
  };
  const failed = (mine) => {
    if (mine === seq) status.textContent = 'Không tải được dữ liệu tìm kiếm. Vui lòng thử lại sau.';
  };

  const run = async (q, prefix) => {
    const mine = ++seq;
    shown = PAGE_SIZE;
    if (!analyze(q).terms.length) {
      list.replaceChildren();
      moreWrap.hidden = true;
      status.textContent = q.trim() ? 'Hãy nhập tên thủ tục, mã số hoặc từ khóa.' : '';
      return;
    }
    await show(q, prefix, mine).catch(() => failed(mine));
  };

  const setUrl = (q) => {
    const url = new URL(location.href);
    url.searchParams.set('q', q);
    history.replaceState(null, '', url);
  };

  const q = new URLSearchParams(location.search).get('q') ?? '';
  input.value = q;
  if (q) run(q, false);

  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const v = input.value;
      setUrl(v);
      // While typing, the last syllable is a prefix unless a space or punctuation ends it.
      run(v, /[\p{Alphabetic}\p{N}]$/u.test(v));
    }, 150);
  });
  input.form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    setUrl(input.value);
    run(input.value, false);
  });
  more.addEventListener('click', () => {
    shown += PAGE_SIZE;
    const mine = ++seq;
    const first = list.children.length;
    render(last.q, last.result)
      .catch((e) => {
        if (!e?.stale) throw e;
        index.reset();
        return show(last.q, last.prefix, mine);
      })
      .then(() => list.children[first]?.querySelector('a')?.focus())
      .catch(() => failed(mine));
  });
}

if (typeof document !== 'undefined') {
  const root = document.getElementById('search');
  if (root) mountPage(root);
}
