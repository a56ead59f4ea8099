/* Label verification offline: this service worker (scope /labels, served at /labels-sw.js by
 * frontend/pages/labels.py) keeps the verification page with the Club's published keys, its
 * script and its style. A QR code scanned without a network then opens that page, whose script
 * checks the signed statement in the URL fragment (label-verify.js). Online, the network always
 * answers first: the live verification stays the authority. */
"use strict";
var CACHE = "mim-label-verify-v1";
var SHELL = "/labels";
var ASSETS = ["/static/js/label-verify.js", "/static/css/site.css"];
var REFRESH_MS = 10 * 60 * 1000;
var lastRefresh = 0;

function refresh() {
  lastRefresh = Date.now();
  return caches.open(CACHE).then(function (cache) {
    return cache.addAll([SHELL].concat(ASSETS));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(refresh().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && (url.pathname === SHELL || url.pathname.indexOf(SHELL + "/") === 0)) {
    event.respondWith(
      fetch(request).then(function (response) {
        // The page in the reader's current language, with the current keys.
        if (response.ok && Date.now() - lastRefresh > REFRESH_MS) event.waitUntil(refresh());
        return response;
      }).catch(function () {
        return caches.match(SHELL).then(function (cached) { return cached || Response.error(); });
      })
    );
    return;
  }
  if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(fetch(request).catch(function () { return caches.match(url.pathname); }));
  }
});
