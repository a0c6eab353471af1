// A static file server for a built site, on 127.0.0.1 and a free port: what any static host
// does (a folder answers with its index.html, an unknown path with 404.html and status 404),
// and nothing more, so the gates see the site as the public will.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** Resolves a URL path to a file of `root`, or null (never outside `root`). */
export function resolve(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  const file = path.join(root, path.normalize(rel));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    const st = fs.statSync(file);
    if (st.isFile()) return file;
    if (st.isDirectory()) {
      const index = path.join(file, 'index.html');
      return fs.existsSync(index) ? index : null;
    }
  } catch {
    return null;
  }
  return null;
}

/** Serves `dir`; resolves to { url, close }. */
export function serve(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const file = resolve(root, new URL(req.url, 'http://x').pathname);
    const notFound = path.join(root, '404.html');
    const [status, body, type] = file
      ? [200, fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream']
      : [404, fs.existsSync(notFound) ? fs.readFileSync(notFound) : Buffer.from('not found'), TYPES['.html']];
    res.writeHead(status, { 'content-type': type, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      ok({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((c) => server.close(c)) });
    });
  });
}
