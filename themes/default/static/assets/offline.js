// Registers the service worker (sw.js at the site root) that keeps opened pages readable
// offline; only where browsers have service workers and the page is on a secure origin.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!('serviceWorker' in navigator) || !script || !window.isSecureContext) {
    return;
  }
  var url = new URL('../sw.js', script.src);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return;
  }
  navigator.serviceWorker.register(url.href).catch(function () {});
})();
