// Installable app: registers the service worker, keeps the offline fleet snapshot fresh,
// and says so plainly when the connection drops.
(() => {
  if (!("serviceWorker" in navigator)) return;
  const loadedAt = new Date();
  navigator.serviceWorker.register("/service-worker.js", { scope: "/" });

  // Whose session this page is (empty when no one is signed in): the service worker keeps the offline fleet for
  // that user only, so a page for anyone else, or for no one, drops it.
  const owner = document.querySelector("meta[name='valmetal-session']")?.content || "";

  // On the fleet page, refresh the copy the service worker keeps for offline use (at most once a minute per user).
  // Only through the service worker, which is what keeps the copy: on a first visit the worker is active before it
  // controls the page, and a fetch it never saw would keep nothing yet hold off the next one for a minute. The minute
  // counts from a copy received, not from a request sent: a fetch cut short by leaving the page does not count.
  const refreshSnapshot = () => {
    const last = localStorage.getItem("valmetal.snapshotOwner") === owner ? Number(localStorage.getItem("valmetal.snapshotAt") || 0) : 0;
    if (owner && navigator.serviceWorker.controller && location.pathname === "/" && Date.now() - last > 60_000) {
      fetch("/fleet/snapshot.json", { credentials: "same-origin" }).then((response) => {
        if (!response.ok || response.redirected) return;
        localStorage.setItem("valmetal.snapshotAt", String(Date.now()));
        localStorage.setItem("valmetal.snapshotOwner", owner);
      }).catch(() => {});
    }
  };
  navigator.serviceWorker.ready.then((registration) => {
    registration.active?.postMessage({ type: "session", owner });
    refreshSnapshot();
  });
  navigator.serviceWorker.addEventListener("controllerchange", refreshSnapshot);

  // The page's words (Components/Layout/OfflineTexts.razor), in the user's language; the offline page reads them
  // from here, since the service worker serves it with no server to ask.
  const texts = { ...document.getElementById("offline-texts")?.dataset };
  if (texts.lang) localStorage.setItem("valmetal.offlineTexts", JSON.stringify(texts));
  const format = (text, ...values) => String(text || "").replace(/\{(\d+)\}/g, (_, i) => values[Number(i)]);

  const banner = () => document.getElementById("offline-banner");
  const hhmm = loadedAt.toLocaleTimeString(texts.lang || [], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const show = () => {
    const element = banner();
    if (!element) return;
    element.hidden = navigator.onLine;
    element.textContent = format(texts.banner, hhmm);
  };
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  document.addEventListener("DOMContentLoaded", show);

  document.addEventListener("submit", (event) => {
    if (event.target.matches("form[action$='account/signout']")) {
      localStorage.removeItem("valmetal.snapshotAt");
      localStorage.removeItem("valmetal.snapshotOwner");
      navigator.serviceWorker.controller?.postMessage("sign-out");
    }
  });
})();
