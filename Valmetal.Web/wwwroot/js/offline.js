// The offline page: the last fleet snapshot the service worker kept, with the time it was taken.
(async () => {
  const banner = document.getElementById("offline-banner");
  const list = document.getElementById("offline-fleet");
  const summary = document.getElementById("offline-summary");
  const hhmm = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  let snapshot;
  try {
    const response = await fetch("/fleet/snapshot.json", { credentials: "same-origin" });
    snapshot = response.ok ? await response.json() : null;
  } catch {
    snapshot = null;
  }
  if (!snapshot) {
    banner.textContent = "offline, no saved data";
    return;
  }
  banner.textContent = `offline, data from ${hhmm(snapshot.generatedAt)}`;
  summary.textContent = `${snapshot.equipment.length} pieces of equipment, as last seen online.`;
  for (const unit of snapshot.equipment) {
    const card = document.createElement("article");
    card.className = `equipment-card state-${unit.state}`;
    card.dataset.testid = `offline-${unit.serialNumber}`;
    const header = document.createElement("header");
    const name = document.createElement("span");
    name.textContent = unit.displayName;
    const state = document.createElement("span");
    state.className = "badge state";
    state.textContent = unit.state;
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
      dd.textContent = `${Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(1)} ${symbol}`.trim();
      pair.append(dt, dd);
      values.append(pair);
    }
    card.append(header, meta, values);
    if (unit.openAlarms > 0) {
      const alarms = document.createElement("p");
      alarms.className = "alarm-line";
      alarms.textContent = `${unit.openAlarms} active alarm${unit.openAlarms === 1 ? "" : "s"}`;
      card.append(alarms);
    }
    if (unit.nextDue) {
      const due = document.createElement("p");
      due.className = "due-line" + (unit.nextDue.overdue ? " overdue" : "");
      due.textContent = `${unit.nextDue.overdue ? "Overdue" : "Next"}: ${unit.nextDue.title}`;
      card.append(due);
    }
    list.append(card);
  }
})();
