// Installable app: registers the service worker, keeps the offline fleet snapshot fresh,
// and says so plainly when the connection drops.
(() => {
  if (!("serviceWorker" in navigator)) return;
  const loadedAt = new Date();
  navigator.serviceWorker.register("/service-worker.js", { scope: "/" });

  // On the fleet page, refresh the copy the service worker keeps for offline use (at most once a minute).
  const refreshSnapshot = () => {
    const last = Number(localStorage.getItem("valmetal.snapshotAt") || 0);
    if (location.pathname === "/" && Date.now() - last > 60_000) {
      localStorage.setItem("valmetal.snapshotAt", String(Date.now()));
      fetch("/fleet/snapshot.json", { credentials: "same-origin" }).catch(() => {});
    }
  };
  navigator.serviceWorker.ready.then(refreshSnapshot);

  const banner = () => document.getElementById("offline-banner");
  const hhmm = loadedAt.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const show = () => {
    const element = banner();
    if (!element) return;
    element.hidden = navigator.onLine;
    element.textContent = `offline, data from ${hhmm}`;
  };
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  document.addEventListener("DOMContentLoaded", show);

  document.addEventListener("submit", (event) => {
    if (event.target.matches("form[action$='account/signout']")) {
      localStorage.removeItem("valmetal.snapshotAt");
      navigator.serviceWorker.controller?.postMessage("sign-out");
    }
  });
})();
