/* The signed statement in a label's QR code (MIM1.<payload>.<signature>, in the URL fragment),
 * checked in the browser with the Club's published Ed25519 keys: it works without a network.
 * Format and procedure: docs/label-statement.md. Online verification stays the authority
 * (suspension, withdrawal): when the page can reach the site, it shows the live status too. */
(function () {
  "use strict";
  var section = document.getElementById("statement-check");
  if (!section) return;
  var KEYS_STORE = "mim-label-keys";

  function publishedKeys() {
    var element = document.getElementById("label-keys");
    if (element) {
      try {
        var keys = JSON.parse(element.textContent);
        try { localStorage.setItem(KEYS_STORE, JSON.stringify(keys)); } catch (e) { /* private mode */ }
        return keys;
      } catch (e) { /* fall back on the stored copy */ }
    }
    try { return JSON.parse(localStorage.getItem(KEYS_STORE) || "null"); } catch (e) { return null; }
  }

  function bytes(base64url) {
    if (!/^[A-Za-z0-9_-]*$/.test(base64url)) throw new Error("not base64url");
    var text = base64url.replace(/-/g, "+").replace(/_/g, "/");
    while (text.length % 4) text += "=";
    var binary = atob(text);
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function parse(statement) {
    var parts = statement.split(".");
    if (parts.length !== 3 || parts[0] !== "MIM1") return null;
    try {
      // [key id, certificate number, product, exporter, issued, valid until]
      var list = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes(parts[1])));
      if (!Array.isArray(list) || list.length !== 6) return null;
      for (var i = 0; i < list.length; i++) {
        if (typeof list[i] !== "string") return null;
      }
      var payload = { k: list[0], n: list[1], p: list[2], e: list[3], i: list[4], u: list[5] };
      if (!/^\d{4}-\d{2}-\d{2}$/.test(payload.i) || !/^\d{4}-\d{2}-\d{2}$/.test(payload.u)) return null;
      return { payload: payload, signed: parts[0] + "." + parts[1], signature: bytes(parts[2]) };
    } catch (e) {
      return null;
    }
  }

  /* {outcome, payload}: outcome is valid, expired, not-yet-valid, bad-signature, unknown-key,
   * malformed, no-keys or no-crypto. */
  async function verify(statement, keys) {
    var parsed = parse(statement);
    if (!parsed) return { outcome: "malformed" };
    var payload = parsed.payload;
    if (!keys || !Array.isArray(keys.keys)) return { outcome: "no-keys", payload: payload };
    var key = keys.keys.find(function (k) { return k.kid === payload.k && k.crv === "Ed25519"; });
    if (!key) return { outcome: "unknown-key", payload: payload };
    if (!window.crypto || !crypto.subtle) return { outcome: "no-crypto", payload: payload };
    var ok;
    try {
      var publicKey = await crypto.subtle.importKey("raw", bytes(key.x), { name: "Ed25519" }, false, ["verify"]);
      ok = await crypto.subtle.verify(
        { name: "Ed25519" }, publicKey, parsed.signature, new TextEncoder().encode(parsed.signed)
      );
    } catch (e) {
      return { outcome: e && e.name === "NotSupportedError" ? "no-crypto" : "bad-signature", payload: payload };
    }
    if (!ok) return { outcome: "bad-signature", payload: payload };
    if (payload.u < today()) return { outcome: "expired", payload: payload };
    if (payload.i > today()) return { outcome: "not-yet-valid", payload: payload };
    return { outcome: "valid", payload: payload };
  }

  function formatDate(iso) {
    try {
      var lang = (document.documentElement.lang || "fr") + "-MA";  // Moroccan month names (ar: غشت)
      return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso + "T00:00:00Z"));
    } catch (e) {
      return iso;
    }
  }

  /* The live status, when the site can be reached: the verdict block of the same page. */
  async function liveVerdict(number) {
    try {
      var response = await fetch("/labels?number=" + encodeURIComponent(number), {
        headers: { "HX-Request": "true" }, cache: "no-store"
      });
      return response.ok ? await response.text() : null;
    } catch (e) {
      return null;  // offline, or the site cannot be reached
    }
  }

  function show(outcome, payload, message) {
    section.hidden = false;
    section.dataset.outcome = outcome;
    var look = { "valid-offline": "active", "valid-online": "active", expired: "expired", "not-yet-valid": "expired" };
    section.className = "statement-check verdict verdict-" + (look[outcome] || "unknown");
    section.querySelector(".statement-title").textContent = message;
    var facts = section.querySelector(".statement-facts");
    facts.hidden = !payload;
    if (payload) {
      facts.querySelectorAll("[data-field]").forEach(function (dd) {
        var value = payload[dd.dataset.field];
        dd.textContent = dd.dataset.field === "i" || dd.dataset.field === "u" ? formatDate(value) : value;
      });
    }
  }

  async function check() {
    var fragment = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (fragment.indexOf("MIM1.") !== 0) {
      section.hidden = true;
      return;
    }
    var result = await verify(fragment, publishedKeys());
    var payload = result.payload;
    var message = section.dataset["msg" + result.outcome.replace(/(^|-)([a-z])/g, function (_, __, c) { return c.toUpperCase(); })];
    if (result.outcome === "valid") {
      var match = /^\/labels\/([^/]+)$/.exec(location.pathname);
      var pageNumber = match ? decodeURIComponent(match[1]).replace(/\s+/g, "").toUpperCase() : "";
      if (pageNumber && pageNumber !== payload.n) {
        show("other-number", payload, section.dataset.msgOtherNumber.replace("{number}", payload.n));
        return;
      }
      var verdict = await liveVerdict(payload.n);
      var current = document.getElementById("verdict");
      if (verdict !== null && current) {
        current.outerHTML = verdict;
        show("valid-online", payload, section.dataset.msgOnline.replace("{date}", formatDate(payload.u)));
      } else {
        show("valid-offline", payload, section.dataset.msgOffline.replace("{date}", formatDate(payload.u)));
      }
      return;
    }
    var date = payload ? formatDate(result.outcome === "not-yet-valid" ? payload.i : payload.u) : "";
    // Facts are shown only under a signature that holds: a forged statement's text is not repeated.
    var signed = result.outcome === "expired" || result.outcome === "not-yet-valid";
    show(result.outcome, signed ? payload : null, (message || section.dataset.msgMalformed).replace("{date}", date));
  }

  window.addEventListener("hashchange", check);
  check();
  // Keep this page (and the keys in it) for scans without a network (label-sw.js).
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/labels-sw.js", { scope: "/labels" }).catch(function () {});
  }
})();
