// Valmetal Connect's service worker: the app shell for offline use, and the last fleet snapshot the user saw.
// Pages and data are always fetched from the network first; the caches only answer when the network cannot.
const SHELL_CACHE = "valmetal-shell-v1";
const DATA_CACHE = "valmetal-fleet";
const SNAPSHOT = "/fleet/snapshot.json";
const SHELL = ["/offline.html", "/app.css", "/js/offline.js", "/manifest.webmanifest", "/icons/icon-192.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("valmetal-shell-") && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function networkFirst(request, cacheName, fallback) {
  try {
    const response = await fetch(request);
    // A redirect to the sign-in page is not data: keep the last good copy instead.
    const json = cacheName !== DATA_CACHE || (response.headers.get("content-type") || "").includes("application/json");
    if (response.ok && !response.redirected && cacheName && json) {
      const cache = await caches.open(cacheName);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(fallback || request);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === SNAPSHOT) {
    event.respondWith(networkFirst(new Request(SNAPSHOT, { credentials: "same-origin" }), DATA_CACHE));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, null, "/offline.html"));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(networkFirst(request, SHELL_CACHE));
  }
});

// Signing out must not leave one farmer's fleet readable offline on a shared phone.
self.addEventListener("message", (event) => {
  if (event.data === "sign-out") event.waitUntil(caches.delete(DATA_CACHE));
});
