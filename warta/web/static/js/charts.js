// Draws the page's charts with uPlot. Each <div class="chart" data-chart="ID"> reads its data
// from <script type="application/json" id="ID">: {title, x: ["2024-05" | "2024-05-01", ...],
// series: {name: [numbers]}}. The same numbers are in a table beside it for readers without
// JavaScript or a screen.
"use strict";
(() => {
  const PALETTE = ["#0b57d0", "#d33d4d", "#1e8e3e", "#e37400", "#8430ce", "#007b83", "#5f6368"];

  function toSeconds(period) {
    const [year, month = "01", day = "01"] = period.split("-");
    return Date.UTC(Number(year), Number(month) - 1, Number(day)) / 1000;
  }

  function draw(element) {
    const source = document.getElementById(element.dataset.chart);
    if (!source || !window.uPlot) return;
    const data = JSON.parse(source.textContent);
    if (!data.x.length) {
      element.textContent = "No dated articles.";
      return;
    }
    const names = Object.keys(data.series);
    const options = {
      width: Math.max(280, element.clientWidth),
      height: 240,
      series: [{}].concat(names.map((name, i) => ({
        label: name,
        stroke: PALETTE[i % PALETTE.length],
        width: 2,
        points: { show: data.x.length < 40 },
      }))),
      axes: [{}, { size: 50 }],
      scales: { x: { time: true } },
    };
    const columns = [data.x.map(toSeconds)].concat(names.map((name) => data.series[name]));
    const plot = new window.uPlot(options, columns, element);
    window.addEventListener("resize", () => {
      plot.setSize({ width: Math.max(280, element.clientWidth), height: 240 });
    });
  }

  window.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-chart]").forEach(draw);
  });
})();
