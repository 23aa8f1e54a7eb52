/* Draw every figure embedded on the page as JSON (built in Python with plotly.graph_objects).
   Plotly itself is served from the installed package; nothing comes from the internet. */
(function () {
  "use strict";
  function draw() {
    if (!window.Plotly) { return; }
    var lang = document.documentElement.lang || "nl";
    document.querySelectorAll("script[type='application/json'][data-figure]").forEach(function (node) {
      var target = document.getElementById(node.getAttribute("data-figure"));
      if (!target) { return; }
      var figure = JSON.parse(node.textContent);
      window.Plotly.newPlot(target, figure.data, figure.layout, {
        responsive: true, displaylogo: false, locale: lang,
        modeBarButtonsToRemove: ["select2d", "lasso2d"]
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
