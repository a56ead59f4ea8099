// The door on a phone: scan QR codes, find guests, admit with one tap, keep working offline.
// The page works without this file (plain forms). With it: the event's guest list is kept on
// the device (localStorage), check-ins go into a queue sent to the door's sync endpoint (each
// with an id made here and the time it happened: sending twice is harmless, the earliest
// check-in wins), conflicts are listed, and a service worker keeps the page for offline use.
(function () {
  "use strict";
  var root = document.getElementById("door");
  if (!root) return;

  var eventId = root.dataset.eventId;
  var base = root.dataset.base;
  var LIST_KEY = "mim-door:list:" + eventId;
  var QUEUE_KEY = "mim-door:queue:" + eventId;
  var PREFIX = "MIM-CHECKIN:";
  var csrfInput = document.querySelector('#door-token-form input[type="hidden"]');
  var csrf = csrfInput ? csrfInput.value : "";
  var list = load(LIST_KEY, null);
  var queue = load(QUEUE_KEY, []);
  var flushing = false;
  var lastScan = { text: "", at: 0 };
  // Casablanca's offset as the server knows it (browsers' tz data for Morocco varies).
  var offsetMs = Number(root.dataset.utcOffset || 0) * 60000;

  function load(key, fallback) {
    try {
      var raw = localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function save() {
    try {
      if (list) localStorage.setItem(LIST_KEY, JSON.stringify(list));
      localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    } catch (e) { /* storage full or refused: the queue still lives in memory */ }
  }

  function msg(name, vars) {
    var key = "msg" + name.replace(/(^|-)([a-z])/g, function (_, __, c) { return c.toUpperCase(); });
    var text = root.dataset[key] || "";
    Object.keys(vars || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(vars[k])); });
    return text;
  }

  function hhmm(iso) {
    var local = new Date(new Date(iso).getTime() + offsetMs);
    return ("0" + local.getUTCHours()).slice(-2) + ":" + ("0" + local.getUTCMinutes()).slice(-2);
  }

  function fold(text) {
    return String(text || "").toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
      .replace(/\u0671/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647")
      .replace(/\u0640/g, "");
  }

  function clientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function guests() { return (list && list.guests) || []; }

  function guestById(id) {
    id = Number(id);
    return guests().find(function (g) { return g.rsvp_id === id; }) || null;
  }

  function queuedFor(id) {
    return queue.find(function (item) { return item.rsvp_id === Number(id); }) || null;
  }

  // --- what the page shows -------------------------------------------------------------------

  function renderCounts() {
    if (!list) return;
    var pending = 0;
    queue.forEach(function (item) {
      var g = item.rsvp_id ? guestById(item.rsvp_id) : null;
      if (g && !g.checked_in_at) pending += 1;
    });
    var checked = list.counts.checked_in + pending;
    var expected = list.counts.expected;
    var values = { checked_in: checked, expected: expected, remaining: Math.max(0, expected - checked) };
    Object.keys(values).forEach(function (k) {
      var node = root.querySelector('[data-count="' + k + '"]');
      if (node) node.textContent = String(values[k]);
    });
  }

  function renderStatus() {
    var node = document.getElementById("door-status");
    var text = navigator.onLine ? msg("online") : msg("offline");
    if (queue.length) text += " " + msg("queued", { count: queue.length });
    node.textContent = text;
    node.hidden = false;
    node.dataset.online = navigator.onLine ? "true" : "false";
    node.dataset.queued = String(queue.length);
  }

  function showResult(kind, text) {
    var box = document.getElementById("checkin-result");
    if (!box) return;
    var p = document.createElement("p");
    var css = { checked_in: "checkin-ok", already_checked_in: "checkin-again", undone: "checkin-again" };
    p.className = "checkin-result " + (css[kind] || "checkin-bad");
    p.dataset.result = kind;
    p.textContent = text;
    box.replaceChildren(p);
  }

  function addConflict(result) {
    var section = document.getElementById("door-conflicts");
    var li = document.createElement("li");
    li.dataset.rsvpId = String(result.rsvp_id || "");
    li.dataset.result = result.result;
    if (result.result === "conflict") {
      li.textContent = msg("conflict", { name: result.name, time: result.checked_in_at_local });
    } else if (result.result === "not_found") {
      li.textContent = msg("unknown");
    } else {
      li.textContent = (result.name ? result.name + ": " : "") + msg("no-seat");
    }
    section.querySelector("ul").appendChild(li);
    section.hidden = false;
  }

  function guestItem(g) {
    var li = document.createElement("li");
    li.className = "door-guest";
    li.dataset.rsvpId = String(g.rsvp_id);
    var name = document.createElement("span");
    name.className = "door-guest-name";
    name.textContent = g.name;
    li.appendChild(name);
    if (g.organisation) {
      var org = document.createElement("span");
      org.className = "meta";
      org.textContent = " " + g.organisation;
      li.appendChild(org);
    }
    var queued = queuedFor(g.rsvp_id);
    var state = document.createElement("span");
    var form = document.createElement("form");
    form.method = "post";
    var button = document.createElement("button");
    button.type = "submit";
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = "rsvp_id";
    hidden.value = String(g.rsvp_id);
    form.appendChild(hidden);
    form.appendChild(button);
    if (g.checked_in_at || queued) {
      state.className = "status status-confirmed";
      state.textContent = g.checked_in_at ? msg("checked-at", { time: hhmm(g.checked_in_at) }) : msg("pending");
      li.appendChild(state);
      form.className = "door-undo";
      form.action = base + "/checkin/undo";
      button.className = "secondary";
      button.textContent = msg("undo");
    } else {
      form.className = "door-admit";
      form.action = base + "/checkin";
      button.textContent = msg("admit");
    }
    li.appendChild(form);
    return li;
  }

  function renderSearch() {
    var input = document.getElementById("f-q");
    var out = document.getElementById("door-results");
    if (!input || !out || !list) return;
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    if (!words.length) { out.replaceChildren(); return; }
    var found = guests().filter(function (g) {
      var hay = fold(g.name + " " + g.organisation);
      return words.every(function (w) { return hay.indexOf(w) !== -1; });
    }).slice(0, 20);
    if (!found.length) {
      var none = document.createElement("li");
      none.className = "meta";
      none.textContent = msg("none");
      out.replaceChildren(none);
      return;
    }
    out.replaceChildren.apply(out, found.map(guestItem));
  }

  // Online, the server's answer follows the list's: it also finds e-mails (not kept on the
  // phone) and guests without a seat. Its HTML is the page's own results block.
  var searchSeq = 0;
  function serverSearch() {
    var input = document.getElementById("f-q");
    var q = input ? input.value : "";
    var seq = ++searchSeq;
    if (!navigator.onLine || !q.trim()) return;
    fetch(base + "/checkin?q=" + encodeURIComponent(q), {
      credentials: "same-origin", cache: "no-store", headers: { "HX-Request": "true" }
    }).then(function (response) {
      var type = response.headers.get("content-type") || "";
      return response.ok && !response.redirected && type.indexOf("text/html") === 0 ? response.text() : null;
    }).then(function (html) {
      if (html === null || seq !== searchSeq || input.value !== q) return;
      var template = document.createElement("template");
      template.innerHTML = html;
      var fresh = template.content.querySelector("#door-results");
      var current = document.getElementById("door-results");
      if (fresh && current && fresh.children.length) current.replaceWith(fresh);
    }).catch(function () { /* the list kept here has answered already */ });
  }

  function render() { renderCounts(); renderStatus(); renderSearch(); }

  // --- talking to the server -----------------------------------------------------------------

  function wipe() {
    Object.keys(localStorage).forEach(function (k) { if (k.indexOf("mim-door:") === 0) localStorage.removeItem(k); });
    if (window.caches) {
      caches.keys().then(function (keys) {
        keys.forEach(function (k) { if (k.indexOf("mim-door") === 0) caches.delete(k); });
      });
    }
    list = null;
    queue = [];
  }

  function asJson(response) {
    var type = response.headers.get("content-type") || "";
    if (type.indexOf("application/json") === -1) {
      // Signed out (the sign-in page came back): nothing of the list stays on the phone.
      if (response.redirected || response.status === 401 || response.status === 403) wipe();
      throw new Error("not json");
    }
    return response.json().then(function (body) { return { ok: response.ok, status: response.status, body: body }; });
  }

  function refreshList() {
    return fetch(base + "/door/guests.json", { credentials: "same-origin", cache: "no-store" })
      .then(asJson)
      .then(function (answer) {
        if (!answer.ok) return;
        list = answer.body;
        save();
        render();
        root.dataset.fresh = "true"; // the list now on screen is the server's, not the kept copy
      })
      .catch(function () { renderStatus(); });
  }

  function post(path, body) {
    return fetch(base + path, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(asJson);
  }

  function flush() {
    if (flushing || !queue.length || !navigator.onLine) { renderStatus(); return Promise.resolve(); }
    flushing = true;
    var batch = queue.slice(0, 200);
    var items = batch.map(function (item) {
      var out = { client_id: item.client_id, happened_at: item.happened_at };
      if (item.rsvp_id) out.rsvp_id = item.rsvp_id; else out.token = item.token;
      return out;
    });
    return post("/door/sync.json", { items: items })
      .then(function (answer) {
        if (answer.ok) {
          answer.body.results.forEach(function (result) {
            var sent = batch.find(function (item) { return item.client_id === result.client_id; });
            if (result.result !== "checked_in" && result.result !== "undone") addConflict(result);
            if (sent && sent.token && !sent.rsvp_id) announce(result);
          });
          var done = {};
          answer.body.results.forEach(function (r) { done[r.client_id] = true; });
          queue = queue.filter(function (item) { return !done[item.client_id]; });
        } else if (answer.status === 400 || answer.status === 422) {
          queue = queue.slice(batch.length);  // a batch the server cannot read would block the rest
        }
        save();
        return refreshList();
      })
      .catch(function () { /* offline or signed out: the queue waits */ })
      .then(function () {
        flushing = false;
        render();
        if (queue.length && navigator.onLine) return flush();
      });
  }

  function announce(result) {
    if (result.result === "checked_in") showResult("checked_in", msg("welcome", { name: result.name }));
    else if (result.result === "conflict") {
      showResult("already_checked_in", msg("already", { name: result.name, time: result.checked_in_at_local }));
    } else if (result.result === "not_found") showResult("refused", msg("unknown"));
    else showResult("refused", msg("no-seat"));
  }

  // --- admitting -----------------------------------------------------------------------------

  function enqueue(item) {
    item.client_id = clientId();
    item.happened_at = new Date().toISOString();
    queue.push(item);
    save();
    render();
    flush();
  }

  function admit(guest) {
    var queued = queuedFor(guest.rsvp_id);
    if (guest.checked_in_at || queued) {
      var at = guest.checked_in_at || queued.happened_at;
      showResult("already_checked_in", msg("already", { name: guest.name, time: hhmm(at) }));
      return;
    }
    showResult("checked_in", msg("welcome", { name: guest.name }));
    enqueue({ rsvp_id: guest.rsvp_id });
  }

  function sha256(text) {
    return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (buf) {
      return Array.prototype.map.call(new Uint8Array(buf), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    });
  }

  function admitCode(text) {
    var token = text.trim();
    if (token.indexOf(PREFIX) === 0) token = token.slice(PREFIX.length);
    if (!token) return Promise.resolve();
    return sha256(token).then(function (hash) {
      var guest = guests().find(function (g) { return g.code_hash === hash; });
      // Not in the list kept here (confirmed since?): the server decides when it hears of it.
      if (guest) admit(guest);
      else enqueue({ token: token });
    });
  }

  function undo(rsvpId) {
    var guest = guestById(rsvpId);
    var queued = queuedFor(rsvpId);
    if (queued && !(guest && guest.checked_in_at)) {
      queue = queue.filter(function (item) { return item !== queued; });
      save();
      render();
      showResult("undone", msg("undone"));
      return;
    }
    if (!navigator.onLine) { showResult("refused", msg("undo-offline")); return; }
    post("/door/undo.json", { rsvp_id: Number(rsvpId) })
      .then(function (answer) {
        if (answer.ok) showResult("undone", msg("undone"));
        else showResult("refused", answer.body.message || msg("no-seat"));
        return refreshList();
      })
      .catch(function () { showResult("refused", msg("undo-offline")); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList.contains("signout")) { wipe(); return; }
    if (form.classList.contains("door-admit") && list) {
      event.preventDefault();
      var id = Number(new FormData(form).get("rsvp_id"));
      var guest = guestById(id);
      if (guest) admit(guest); else enqueue({ rsvp_id: id });
      renderSearch();
    } else if (form.classList.contains("door-undo") && list) {
      event.preventDefault();
      undo(new FormData(form).get("rsvp_id"));
    } else if (form.id === "door-search-form" && list) {
      event.preventDefault();
      renderSearch();
      serverSearch();
    } else if (form.id === "door-token-form" && (!navigator.onLine)) {
      event.preventDefault();
      event.stopPropagation();
      var input = document.getElementById("f-token");
      admitCode(input.value);
      input.value = "";
      input.focus();
    }
  }, true);

  var searchTimer = null;
  document.addEventListener("input", function (event) {
    if (event.target.id !== "f-q") return;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { renderSearch(); serverSearch(); }, 150);
  });

  // --- the camera ----------------------------------------------------------------------------

  var stream = null;
  var detector = null;
  var canvas = null;

  function loadJsQR() {
    if (window.jsQR) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root.dataset.jsqr;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function chooseDecoder() {
    if ("BarcodeDetector" in window) {
      return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") !== -1) detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        else return loadJsQR();
      }).catch(loadJsQR);
    }
    return loadJsQR();
  }

  function decode(video) {
    if (detector) {
      return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
    }
    var w = video.videoWidth, h = video.videoHeight;
    if (!w || !h) return Promise.resolve(null);
    canvas = canvas || document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    var ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(video, 0, 0, w, h);
    var code = window.jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: "dontInvert" });
    return Promise.resolve(code ? code.data : null);
  }

  function scanLoop(video) {
    if (!stream) return;
    decode(video).then(function (text) {
      var now = Date.now();
      // A code held in view is one scan; shown again after 4 s out of view, it is a new one.
      if (text) {
        var fresh = text !== lastScan.text || now - lastScan.at > 4000;
        lastScan = { text: text, at: now };
        if (fresh) admitCode(text);
      }
    }).catch(function () { /* a frame that cannot be read */ }).then(function () {
      setTimeout(function () { scanLoop(video); }, 150);
    });
  }

  function toggleCamera() {
    var button = document.getElementById("door-scan-toggle");
    var video = document.getElementById("door-video");
    if (stream) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
      video.hidden = true;
      button.textContent = msg("scan");
      return;
    }
    chooseDecoder()
      .then(function () {
        return navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        button.textContent = msg("stop");
        return video.play();
      })
      .then(function () { scanLoop(video); })
      .catch(function () { showResult("refused", msg("camera")); });
  }

  // --- start ---------------------------------------------------------------------------------

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    document.getElementById("door-scan").hidden = false;
    document.getElementById("door-scan-toggle").addEventListener("click", toggleCamera);
  }
  if ("serviceWorker" in navigator && root.dataset.sw) {
    navigator.serviceWorker.register(root.dataset.sw, { scope: "/desk/" }).catch(function () {});
  }
  window.addEventListener("online", function () { render(); flush(); });
  window.addEventListener("offline", render);
  setInterval(function () { if (navigator.onLine) { flush(); if (!flushing) refreshList(); } }, 15000);
  render();
  refreshList().then(flush);
  root.dataset.ready = "true";
})();
