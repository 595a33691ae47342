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

  // A gap longer than two buckets (the device or the platform was down) is drawn as a gap, not a line.
  function withGaps(data) {
    const rows = [[], [], [], []];
    for (let i = 0; i < data.ts.length; i++) {
      if (i > 0 && data.ts[i] - data.ts[i - 1] > 2 * data.bucketSeconds) {
        rows[0].push(data.ts[i - 1] + data.bucketSeconds);
        rows[1].push(null); rows[2].push(null); rows[3].push(null);
      }
      rows[0].push(data.ts[i]); rows[1].push(data.min[i]); rows[2].push(data.avg[i]); rows[3].push(data.max[i]);
    }
    return rows;
  }

  function render(element, data) {
    const rows = withGaps(data);
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
