// Draws each <canvas data-chart="ID"> from the JSON in <script id="ID">, with Chart.js (vendored).
// The table beside each chart carries the same numbers for screen readers and for print.
(function () {
  function draw(canvas) {
    var box = canvas.parentElement;  // a height from the data, set here: no inline style in the page
    if (box.dataset.height) box.style.height = Math.max(160, parseInt(box.dataset.height, 10)) + "px";
    var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    var horizontal = spec.type === "hbar";
    new Chart(canvas, {
      type: spec.type === "doughnut" ? "doughnut" : "bar",
      data: { labels: spec.labels, datasets: [{ label: spec.label || "", data: spec.values,
        backgroundColor: spec.colors }] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: spec.type === "doughnut", position: "right" } },
        scales: spec.type === "doughnut" ? {} : {
          x: { beginAtZero: true, suggestedMax: spec.max, ticks: { autoSkip: !horizontal } },
          y: { beginAtZero: true, ticks: { autoSkip: horizontal ? false : true } } }
      }
    });
    canvas.setAttribute("data-drawn", "1");
  }
  function drawAll(root) {
    if (typeof Chart === "undefined") return;
    Chart.defaults.font.family = "system-ui, 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
    root.querySelectorAll("canvas[data-chart]:not([data-drawn])").forEach(draw);
  }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSwap", function (e) { drawAll(e.target); });
})();
