// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Batch progress: poll the run while it runs, then reload to show its report.
  var progress = document.querySelector("[data-poll]");
  if (progress) {
    var url = progress.getAttribute("data-poll");
    var bar = progress.querySelector("progress");
    var label = progress.querySelector("[data-phase]");
    var tick = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (run) {
          if (!run) return;
          if (bar) { bar.value = run.percent; bar.textContent = run.percent + "%"; }
          if (label && run.phase) label.textContent = label.getAttribute("data-phase-" + run.phase) || run.phase;
          if (run.status === "running") setTimeout(tick, 1000); else window.location.reload();
        })
        .catch(function () { setTimeout(tick, 3000); });
    };
    setTimeout(tick, 1000);
  }
  // Charts on the quality report: data from the page itself, drawn by Chart.js (shipped in /assets/lib).
  var canvases = document.querySelectorAll("canvas[data-chart]");
  if (canvases.length && window.Chart) {
    canvases.forEach(function (canvas) {
      var spec = JSON.parse(canvas.getAttribute("data-chart"));
      new window.Chart(canvas, {
        type: spec.type || "bar",
        data: { labels: spec.labels, datasets: [{ label: spec.label, data: spec.data, backgroundColor: "#0b57d0" }] },
        options: { responsive: true, animation: false, plugins: { legend: { display: false } },
          scales: { x: { title: { display: !!spec.x, text: spec.x } }, y: { beginAtZero: true, title: { display: !!spec.y, text: spec.y } } } }
      });
    });
  }
})();
