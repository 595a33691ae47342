// The offline page: the last fleet snapshot the service worker kept, with the time it was taken. Its words come with
// the snapshot, in the language it was fetched in (Pwa/OfflineTexts.cs); without one, the last words the fleet page
// saved (pwa.js), else the page's own.
(async () => {
  const banner = document.getElementById("offline-banner");
  const list = document.getElementById("offline-fleet");
  const summary = document.getElementById("offline-summary");
  const fill = (template, value) => template.replace("{0}", value);
  let snapshot;
  try {
    const response = await fetch("/fleet/snapshot.json", { credentials: "same-origin" });
    snapshot = response.ok ? await response.json() : null;
  } catch {
    snapshot = null;
  }
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem("valmetal.offlineTexts") || "null");
  } catch {
    saved = null;
  }
  const defaults = JSON.parse(document.getElementById("offline-texts").textContent);
  const texts = { ...defaults, ...(snapshot?.texts || saved?.texts || {}) };
  const language = snapshot?.language || saved?.language || document.documentElement.lang;
  document.documentElement.lang = language;
  document.title = texts.title;
  document.getElementById("offline-heading").textContent = texts.heading;
  document.getElementById("offline-retry").textContent = texts.tryAgain;
  summary.textContent = texts.notSaved;
  const hhmm = (iso) => new Date(iso).toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  if (!snapshot) {
    banner.textContent = texts.noData;
    return;
  }
  banner.textContent = fill(texts.dataFrom, hhmm(snapshot.generatedAt));
  summary.textContent = fill(texts.summary, snapshot.equipment.length);
  for (const unit of snapshot.equipment) {
    const card = document.createElement("article");
    card.className = `equipment-card state-${unit.state}`;
    card.dataset.testid = `offline-${unit.serialNumber}`;
    const header = document.createElement("header");
    const name = document.createElement("span");
    name.textContent = unit.displayName;
    const state = document.createElement("span");
    state.className = "badge state";
    state.textContent = unit.stateName || unit.state;
    header.append(name, state);
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = `${unit.serialNumber} · ${unit.modelName}`;
    const values = document.createElement("dl");
    values.className = "metrics";
    for (const { name: metric, unit: symbol, value, shown } of unit.metrics || []) {
      const pair = document.createElement("div");
      const dt = document.createElement("dt");
      dt.textContent = metric;
      const dd = document.createElement("dd");
      // A snapshot kept from before values came formatted in the user's language has only the number.
      const number = shown ?? (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1));
      dd.textContent = `${number} ${symbol}`.trim();
      pair.append(dt, dd);
      values.append(pair);
    }
    card.append(header, meta, values);
    if (unit.openAlarms > 0) {
      const alarms = document.createElement("p");
      alarms.className = "alarm-line";
      alarms.textContent = unit.openAlarms === 1 ? texts.oneAlarm : fill(texts.alarms, unit.openAlarms);
      card.append(alarms);
    }
    if (unit.nextDue) {
      const due = document.createElement("p");
      due.className = "due-line" + (unit.nextDue.overdue ? " overdue" : "");
      due.textContent = fill(unit.nextDue.overdue ? texts.overdue : texts.next, unit.nextDue.title);
      card.append(due);
    }
    list.append(card);
  }
})();
