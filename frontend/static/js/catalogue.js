/* The catalogue's drawers (the filters, "more" markets) stay as the visitor left them when
   htmx replaces the results. Without JavaScript they are plain <details>, opened by hand. */
(function () {
  var open = {};
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "results") return;
    open = {};
    target.querySelectorAll("details[id]").forEach(function (details) {
      open[details.id] = details.open;
    });
  });
  document.addEventListener("htmx:afterSettle", function () {
    Object.keys(open).forEach(function (id) {
      var details = document.getElementById(id);
      if (details && open[id]) details.open = true;
    });
  });
})();
