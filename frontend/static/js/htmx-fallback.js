/* The CDN copy of htmx did not load (offline, blocked, integrity mismatch): use ours. */
if (!window.htmx) {
  document.write('<script src="/static/vendor/htmx.min.js"><\/script>');
}
