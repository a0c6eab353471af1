// Build speed and memory, congkhai against Hugo on the same pages (docs/benchmarks.md).
//
// For each size: generates the catalog in congkhai's content format and the same pages as a
// Hugo site (bench/generate.mjs, deterministic), then builds them alternately, congkhai then
// Hugo, ROUNDS times, each run timed by GNU time (wall, user + system CPU, peak resident
// memory), and prints the medians as a Markdown table (also bench/out/compare.json).
// congkhai is the release binary (built first); a debug build's times say nothing.
//
// Usage: node bench/compare.mjs [--sizes 1000,10000,100000] [--rounds 5] [--hugo hugo] [--fresh]
// By default each tool rebuilds over its previous output (as a website team rebuilds);
// --fresh removes each tool's output folder before its run, untimed (a first build). Every
// run starts after a `sync` (untimed): the previous run's pending writes are not its cost.
// Needs: GNU time (/usr/bin/time) and Hugo (Debian: apt-get install time hugo).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const sizes = opt('sizes', '1000,10000,100000').split(',').map(Number);
const rounds = Number(opt('rounds', 5));
const hugo = opt('hugo', 'hugo');
const fresh = args.includes('--fresh');
/** Before each run, untimed: with --fresh, the tool's output folder and cache (the kept
 * previous site, the list of its files, the search index) removed; always, the disk writes
 * still pending written out (`sync`), so that no run pays for the previous run's writes
 * (Hugo rewrites every file, 2,8 GB at 100.000, which the kernel writes back for seconds). */
const clear = (out, cache) => {
  if (fresh) {
    fs.rmSync(out, { recursive: true, force: true });
    if (cache) fs.rmSync(cache, { recursive: true, force: true });
  }
  execFileSync('sync');
};
/** Units and months of each size, as the issue that set the goals asked. */
const SHAPES = { 1000: [18, 24], 10000: [200, 24], 100000: [2000, 24] };

execFileSync('cargo', ['build', '--release', '--quiet'], { cwd: repo, stdio: 'inherit' });
const congkhai = path.join(repo, 'target/release/congkhai');
const hugoVersion = 'Hugo ' + (execFileSync(hugo, ['version']).toString().match(/v[0-9.]+/) ?? ['?'])[0];

/** Runs `cmd` under GNU time; returns seconds of wall and CPU time and peak memory in MiB. */
function timed(cmd, argv, cwd) {
  const r = spawnSync('/usr/bin/time', ['-f', '@@ %e %U %S %M', cmd, ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const line = (r.stderr || '').split('\n').find((l) => l.startsWith('@@ '));
  if (r.status !== 0 || !line) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stderr}`);
  const [wall, user, sys, kb] = line.slice(3).split(' ').map(Number);
  return { wall, cpu: user + sys, mib: kb / 1024 };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const vi = (x, d = 1) => x.toFixed(d).replace('.', ',');

const results = [];
for (const n of sizes) {
  const [units, months] = SHAPES[n] ?? [18, 24];
  const dir = path.join(here, 'out', `compare-${n}`);
  const stamp = path.join(dir, 'generated');
  const want = `${n} ${units} ${months} ${fs.statSync(path.join(here, 'generate.mjs')).mtimeMs}`;
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== want) {
    execFileSync('node', [path.join(here, 'generate.mjs'), '--count', String(n), '--units', String(units), '--months', String(months), '--out', path.join(dir, 'congkhai'), '--hugo', path.join(dir, 'hugo')], { stdio: 'inherit' });
    fs.writeFileSync(stamp, want);
  }
  const runs = { congkhai: [], hugo: [] };
  for (let i = 0; i < rounds; i++) {
    clear(path.join(dir, 'congkhai-public'), path.join(dir, 'congkhai', '.congkhai-cache'));
    runs.congkhai.push(timed(congkhai, ['build', '--out', path.join(dir, 'congkhai-public')], path.join(dir, 'congkhai')));
    clear(path.join(dir, 'hugo-public'));
    runs.hugo.push(timed(hugo, ['--quiet', '-d', path.join(dir, 'hugo-public')], path.join(dir, 'hugo')));
    process.stderr.write(`${n}: round ${i + 1}/${rounds}: congkhai ${runs.congkhai[i].wall} s, Hugo ${runs.hugo[i].wall} s\n`);
  }
  const files = (d) => {
    let count = 0;
    const walk = (p) => { for (const e of fs.readdirSync(p, { withFileTypes: true })) e.isDirectory() ? walk(path.join(p, e.name)) : e.name.endsWith('.html') && count++; };
    walk(d);
    return count;
  };
  const summary = (rs) => ({ wall: median(rs.map((r) => r.wall)), cpu: median(rs.map((r) => r.cpu)), mib: median(rs.map((r) => r.mib)) });
  results.push({
    procedures: n, units, months, rounds,
    congkhai: { ...summary(runs.congkhai), pages: files(path.join(dir, 'congkhai-public')), runs: runs.congkhai },
    hugo: { ...summary(runs.hugo), pages: files(path.join(dir, 'hugo-public')), runs: runs.hugo, version: hugoVersion },
  });
}
fs.mkdirSync(path.join(here, 'out'), { recursive: true });
fs.writeFileSync(path.join(here, 'out', fresh ? 'compare-fresh.json' : 'compare.json'), JSON.stringify(results, null, 1) + '\n');
console.log(`| procedures | units | congkhai wall | congkhai CPU | congkhai peak memory | congkhai HTML pages | ${hugoVersion} wall | Hugo CPU | Hugo peak memory | Hugo HTML pages | wall ratio | congkhai ms per procedure |`);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const c = r.congkhai, h = r.hugo;
  console.log(`| ${r.procedures.toLocaleString('vi-VN')} | ${r.units.toLocaleString('vi-VN')} | ${vi(c.wall, 2)} s | ${vi(c.cpu, 2)} s | ${vi(c.mib, 0)} MiB | ${c.pages.toLocaleString('vi-VN')} | ${vi(h.wall, 2)} s | ${vi(h.cpu, 2)} s | ${vi(h.mib, 0)} MiB | ${h.pages.toLocaleString('vi-VN')} | ${vi(c.wall / h.wall, 2)}× | ${vi((1000 * c.wall) / r.procedures, 3)} |`);
}
