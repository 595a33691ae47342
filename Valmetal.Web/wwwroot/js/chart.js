// Time-series chart of a metric's history: average line inside its min/max band, drawn by uPlot.
window.valmetalChart = (() => {
  const charts = new WeakMap();

  function options(element, title) {
    return {
      title,
      width: Math.max(element.clientWidth, 300),
      height: 320,
      scales: { x: { time: true } },
      series: [
        {},
        { label: "min", stroke: "#9bbfa8", width: 1 },
        { label: "avg", stroke: "#1f5f3a", width: 2 },
        { label: "max", stroke: "#9bbfa8", width: 1 },
      ],
      bands: [{ series: [3, 1], fill: "rgba(31, 95, 58, 0.12)" }],
    };
  }

  function render(element, data) {
    const rows = [data.ts, data.min, data.avg, data.max];
    const existing = charts.get(element);
    if (existing && existing.title === data.title) {
      existing.plot.setData(rows);
      return;
    }
    if (existing) {
      existing.plot.destroy();
    }
    const plot = new uPlot(options(element, data.title), rows, element);
    charts.set(element, { plot, title: data.title });
    new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 300), height: 320 })).observe(element);
  }

  return { render };
})();
