// Preview latency: from saving a procedure file to `congkhai serve`'s reload event.
//
// Starts the release binary's `serve` on a portal, listens to its event stream, then rewrites
// one procedure file EDITS times (a changed sentence each time, 1.5 s apart) and reports each
// save → event delay, with the time of a full `build` of the same portal for comparison.
// The portal is restored afterwards.
//
// Usage: [CONGKHAI_BIN=path] node bench/serve-latency.mjs [--root DIR] [--file content/procedures/....md] [--edits 7]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const root = path.resolve(opt('root', repo));
const edits = Number(opt('edits', 7));
const port = 1400 + (process.pid % 500);
// Where cargo puts it: CARGO_TARGET_DIR when set (a shared build cache), else target/.
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, 'target');
// CONGKHAI_BIN names another binary (e.g. a copy of the one before a change, to alternate
// old and new runs); then nothing is built.
const congkhai = process.env.CONGKHAI_BIN ? path.resolve(process.env.CONGKHAI_BIN) : path.join(targetDir, 'release/congkhai');
if (!process.env.CONGKHAI_BIN) execFileSync('cargo', ['build', '--release', '--quiet'], { cwd: repo, stdio: 'inherit' });

/** The first procedure file under content/procedures (sorted), unless one is named. */
function firstProcedure() {
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.md') ? [path.join(d, e.name)] : []));
  return walk(path.join(root, 'content/procedures'))[0];
}
const file = opt('file', null) ? path.join(root, opt('file')) : firstProcedure();
const original = fs.readFileSync(file, 'utf8');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// A full build, for comparison (into a temporary folder).
const tmpOut = fs.mkdtempSync('/tmp/congkhai-latency-');
const t0 = process.hrtime.bigint();
execFileSync(congkhai, ['build', '--root', root, '--out', path.join(tmpOut, 'public')], { stdio: 'ignore' });
const fullMs = Number(process.hrtime.bigint() - t0) / 1e6;
fs.rmSync(tmpOut, { recursive: true, force: true });

const server = spawn(congkhai, ['serve', '--root', root, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stdout.on('data', (d) => (log += d));
server.stderr.on('data', (d) => (log += d));
for (let i = 0; i < 600 && !log.includes(`127.0.0.1:${port}`); i++) await sleep(100);

const events = [];
http.get({ host: '127.0.0.1', port, path: '/__congkhai/events' }, (res) => {
  res.setEncoding('utf8');
  res.on('data', (chunk) => {
    for (const line of chunk.split('\n')) if (line.startsWith('data:')) events.push({ at: process.hrtime.bigint(), data: line.slice(5).trim() });
  });
});
await sleep(1000);
const delays = [];
try {
  for (let i = 0; i < edits; i++) {
    const before = events.length;
    const edited = original.replace(/\n## /, `\nĐã sửa lần ${i + 1} để đo thời gian xem trước.\n\n## `);
    const at = process.hrtime.bigint();
    fs.writeFileSync(file, edited);
    for (let k = 0; k < 3000 && events.length === before; k++) await sleep(2);
    if (events.length === before) throw new Error(`no reload event after edit ${i + 1}:\n${log}`);
    delays.push(Number(events[events.length - 1].at - at) / 1e6);
    await sleep(1500);
  }
} finally {
  fs.writeFileSync(file, original);
  await sleep(1000);
  server.kill();
}
const rebuilt = [...log.matchAll(/(?:rebuilt|tạo lại)[^\n]*?(\d+) ms/g)].map((m) => Number(m[1]));
console.log(`portal: ${root}`);
console.log(`edited: ${path.relative(root, file)}`);
console.log(`full build (release): ${fullMs.toFixed(0)} ms`);
console.log(`save → reload event (${edits} saves, sorted): ${delays.sort((a, b) => a - b).map((d) => d.toFixed(0)).join(', ')} ms; median ${median(delays).toFixed(0)} ms (${((100 * median(delays)) / fullMs).toFixed(1)}% of a full build)`);
console.log(`rebuild alone, as serve logs it: ${rebuilt.join(', ')} ms`);
// With CONGKHAI_TIMINGS set, serve's own log (stage timings of each rebuild) follows.
if (process.env.CONGKHAI_TIMINGS) console.log(log);
