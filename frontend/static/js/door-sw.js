// The door's service worker (served as /desk/door-sw.js, scope /desk/): keeps the check-in
// page and its scripts so the page opens without the network. Guest data is never cached
// here (door.js keeps the list in localStorage; signing out clears both: Clear-Site-Data).
"use strict";

var CACHE = "mim-door-v2";
var ASSETS = [
  "/static/css/site.css",
  "/static/css/door.css",
  "/static/js/door.js",
  "/static/vendor/htmx.min.js",
  "/static/vendor/jsQR.js"
];
var PAGE = /^\/desk\/events\/\d+\/checkin$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf("mim-door") === 0 && k !== CACHE; })
        .map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (PAGE.test(url.pathname) && request.mode === "navigate") {
    // The page shell: the network first (fresh counts, a valid form token), the copy offline.
    var key = url.origin + url.pathname;
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok && !response.redirected) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(key).then(function (hit) { return hit || Response.error(); });
      })
    );
  } else if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(
      caches.match(url.pathname).then(function (hit) { return hit || fetch(request); })
    );
  }
});
