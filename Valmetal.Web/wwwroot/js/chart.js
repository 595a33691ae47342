// Time-series chart of one or more metrics' history, drawn by uPlot: each metric's average as a line (inside its
// min/max band when it is alone), one y scale per unit, drag to zoom (the page then loads finer buckets). The page
// names each series in the reader's language (names.min, avg, max when alone, names.line among others).
window.valmetalChart = (() => {
  const charts = new WeakMap();
  const colours = ["#1f5f3a", "#2b6cb0", "#b7791f", "#9b2c2c"];

  // The union of every series' bucket times; a gap longer than two buckets (device or platform down) stays a gap.
  function align(data) {
    const times = [...new Set(data.series.flatMap((s) => s.ts))].sort((a, b) => a - b);
    const columns = [];
    const gapped = [];
    for (let i = 0; i < times.length; i++) {
      if (i > 0 && times[i] - times[i - 1] > 2 * data.bucketSeconds) gapped.push(times[i - 1] + data.bucketSeconds);
      gapped.push(times[i]);
    }
    columns.push(gapped);
    for (const series of data.series) {
      const index = new Map(series.ts.map((t, i) => [t, i]));
      const pick = (values) => gapped.map((t) => (index.has(t) ? values[index.get(t)] : null));
      if (data.series.length === 1) columns.push(pick(series.min), pick(series.avg), pick(series.max));
      else columns.push(pick(series.avg));
    }
    return columns;
  }

  function options(element, data, onZoom) {
    const units = [...new Set(data.series.map((s) => s.unit))];
    const single = data.series.length === 1;
    // Times as the page's language writes them (data.locale): 24 h in French; uPlot's own are English, 12 h.
    const dayFormat = new Intl.DateTimeFormat(data.locale, { month: "short", day: "numeric" });
    const timeFormat = new Intl.DateTimeFormat(data.locale, { hour: "numeric", minute: "2-digit" });
    const fullFormat = new Intl.DateTimeFormat(data.locale, { dateStyle: "short", timeStyle: "medium" });
    const timeAxis = { values: (u, splits, axis, space, increment) => splits.map((ts) => (increment >= 86400 ? dayFormat : timeFormat).format(new Date(ts * 1000))) };
    const series = [{ label: data.timeLabel, value: (u, ts) => (ts == null ? "" : fullFormat.format(new Date(ts * 1000))) }];
    data.series.forEach((s, i) => {
      const colour = colours[i % colours.length];
      if (single) {
        series.push({ label: s.names.min, stroke: "#9bbfa8", width: 1, scale: s.unit });
        series.push({ label: s.names.avg, stroke: colour, width: 2, scale: s.unit });
        series.push({ label: s.names.max, stroke: "#9bbfa8", width: 1, scale: s.unit });
      } else {
        series.push({ label: s.names.line, stroke: colour, width: 2, scale: s.unit });
      }
    });
    const axes = [timeAxis].concat(units.slice(0, 2).map((unit, i) => ({ scale: unit, label: unit, side: i === 0 ? 3 : 1, grid: { show: i === 0 } })));
    return {
      width: Math.max(element.clientWidth, 300),
      height: 320,
      scales: Object.fromEntries([["x", { time: true }], ...units.map((u) => [u, { auto: true }])]),
      series,
      axes,
      bands: single ? [{ series: [3, 1], fill: "rgba(31, 95, 58, 0.12)" }] : [],
      cursor: { drag: { x: true, y: false } },
      hooks: {
        setSelect: [(u) => {
          if (u.select.width < 5) return;
          const from = u.posToVal(u.select.left, "x");
          const to = u.posToVal(u.select.left + u.select.width, "x");
          u.setSelect({ width: 0, height: 0 }, false);
          onZoom(from, to);
        }],
      },
    };
  }

  function render(element, data, page) {
    const started = performance.now();
    const existing = charts.get(element);
    if (existing) existing.plot.destroy();
    const onZoom = (from, to) => page.invokeMethodAsync("ZoomTo", from, to);
    const plot = new uPlot(options(element, data, onZoom), align(data), element);
    charts.set(element, { plot });
    if (!element.dataset.observed) {
      element.dataset.observed = "1";
      new ResizeObserver(() => charts.get(element)?.plot.setSize({ width: Math.max(element.clientWidth, 300), height: 320 })).observe(element);
    }
    // Read by the QA suite and the benchmark: which range is drawn, how many buckets, how long drawing took.
    element.dataset.renderedRange = data.rangeLabel;
    element.dataset.buckets = String(plot.data[0].length);
    element.dataset.drawMs = (performance.now() - started).toFixed(1);
    element.dataset.renderedAt = String(performance.now());
  }

  return { render };
})();
