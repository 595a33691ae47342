// The offline page: the last fleet snapshot the service worker kept, with the time it was taken, in the words the
// app's pages left for it (Components/Layout/OfflineTexts.razor through js/pwa.js), else the page's English.
(async () => {
  const stored = (() => {
    try {
      return JSON.parse(localStorage.getItem("valmetal.offlineTexts") || "null");
    } catch {
      return null;
    }
  })();
  const texts = { ...document.getElementById("offline-texts").dataset, ...stored };
  const format = (text, ...values) => String(text || "").replace(/\{(\d+)\}/g, (_, i) => values[Number(i)]);
  const say = (id, text) => {
    const element = document.getElementById(id);
    if (element && text) element.textContent = text;
  };
  const lang = texts.lang;
  document.documentElement.lang = lang;
  if (texts.title) document.title = texts.title;
  say("offline-banner", texts.offline);
  say("offline-heading", texts.heading);
  say("offline-summary", texts.nothingSaved);
  say("offline-retry", texts.tryAgain);

  const banner = document.getElementById("offline-banner");
  const list = document.getElementById("offline-fleet");
  const summary = document.getElementById("offline-summary");
  const hhmm = (iso) => new Date(iso).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const number = (value) => value.toLocaleString(lang, {
    minimumFractionDigits: Math.abs(value) >= 100 ? 0 : 1, maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 1, useGrouping: false,
  });
  const stateText = (state) => texts[`state${String(state).charAt(0).toUpperCase()}${String(state).slice(1)}`] || state;
  let snapshot;
  try {
    const response = await fetch("/fleet/snapshot.json", { credentials: "same-origin" });
    snapshot = response.ok ? await response.json() : null;
  } catch {
    snapshot = null;
  }
  if (!snapshot) {
    banner.textContent = texts.noData;
    return;
  }
  banner.textContent = format(texts.banner, hhmm(snapshot.generatedAt));
  summary.textContent = format(texts.units, snapshot.equipment.length);
  for (const unit of snapshot.equipment) {
    const card = document.createElement("article");
    card.className = `equipment-card state-${unit.state}`;
    card.dataset.testid = `offline-${unit.serialNumber}`;
    const header = document.createElement("header");
    const name = document.createElement("span");
    name.textContent = unit.displayName;
    const state = document.createElement("span");
    state.className = "badge state";
    state.textContent = stateText(unit.state);
    header.append(name, state);
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = `${unit.serialNumber} · ${unit.modelName}`;
    const values = document.createElement("dl");
    values.className = "metrics";
    for (const { name: metric, unit: symbol, value } of unit.metrics || []) {
      const pair = document.createElement("div");
      const dt = document.createElement("dt");
      dt.textContent = metric;
      const dd = document.createElement("dd");
      dd.textContent = `${number(value)} ${symbol}`.trim();
      pair.append(dt, dd);
      values.append(pair);
    }
    card.append(header, meta, values);
    if (unit.openAlarms > 0) {
      const alarms = document.createElement("p");
      alarms.className = "alarm-line";
      alarms.textContent = format(unit.openAlarms === 1 ? texts.oneAlarm : texts.alarms, unit.openAlarms);
      card.append(alarms);
    }
    if (unit.nextDue) {
      const due = document.createElement("p");
      due.className = "due-line" + (unit.nextDue.overdue ? " overdue" : "");
      due.textContent = format(unit.nextDue.overdue ? texts.overdue : texts.next, unit.nextDue.title);
      card.append(due);
    }
    list.append(card);
  }
})();
