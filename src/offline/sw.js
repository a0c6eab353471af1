// congkhai: offline reading. The pages a visitor opened, the theme's assets and the search
// files they used are kept in a cache named after the build, and shown again when the
// network is gone; a page never opened gets the offline page. Network first, so a visitor
// online always sees the current site; a new build (a new VERSION) drops the old caches.
'use strict';
var VERSION = __VERSION__;
var PRECACHE = __PRECACHE__;
var OFFLINE = 'ngoai-tuyen/';
var CACHE = 'congkhai-' + VERSION;

function inScope(path) {
  return new URL(path, self.registration.scope).href;
}

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(PRECACHE.map(inScope));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) {
        return k.indexOf('congkhai-') === 0 && k !== CACHE;
      }).map(function (k) {
        return caches.delete(k);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

// The offline page, its relative links resolved from its own address.
function offlinePage(cache) {
  var url = inScope(OFFLINE);
  return cache.match(url).then(function (page) {
    if (!page) {
      return Response.error();
    }
    return page.text().then(function (html) {
      return new Response(html.replace('<head>', '<head><base href="' + url + '">'), {
        status: 503,
        headers: { 'Content-Type': 'text/html; charset=utf-8' }
      });
    });
  });
}

self.addEventListener('fetch', function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin ||
      url.pathname.indexOf('/__congkhai/') !== -1 ||
      (req.headers.get('Accept') || '').indexOf('text/event-stream') !== -1) {
    return; // the browser's own handling: other sites, forms, the preview's live reload
  }
  event.respondWith(
    fetch(req).then(function (res) {
      if (res.ok && res.type === 'basic') {
        var copy = res.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) {
          return cache.put(req, copy);
        }));
      }
      return res;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(req, { ignoreSearch: req.mode === 'navigate' }).then(function (hit) {
          if (hit) {
            return hit;
          }
          return req.mode === 'navigate' ? offlinePage(cache) : Response.error();
        });
      });
    })
  );
});
