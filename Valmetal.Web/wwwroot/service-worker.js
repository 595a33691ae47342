// Valmetal Connect's service worker: the app shell for offline use, and the last fleet snapshot the user saw.
// Pages and data are always fetched from the network first; the caches only answer when the network cannot.
// The snapshot belongs to one session: it is dropped when that session ends in any way (sign-out, expiry, a request
// sent to the sign-in page) and when a page names another user or none (FleetSnapshotEndpoint, SessionMeta).
const SHELL_CACHE = "valmetal-shell-v2";
const DATA_CACHE = "valmetal-fleet";
const SNAPSHOT = "/fleet/snapshot.json";
const OWNER = "x-valmetal-owner";
const SESSION_EXPIRES = "x-valmetal-session-expires";
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

const forgetFleet = () => caches.delete(DATA_CACHE);

// The server sent the request to the sign-in page (or refused it): whatever session the copy came from is over.
const sessionEnded = (response) =>
  response.status === 401 || (response.redirected && new URL(response.url).pathname === "/signin");

async function cachedSnapshot() {
  const cached = await caches.match(SNAPSHOT, { cacheName: DATA_CACHE });
  if (!cached) return undefined;
  const expires = Date.parse(cached.headers.get(SESSION_EXPIRES) || "");
  if (!cached.headers.get(OWNER) || !(expires > Date.now())) {
    await forgetFleet();
    return undefined;
  }
  return cached;
}

async function snapshot(request) {
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await cachedSnapshot();
    if (cached) return cached;
    throw error;
  }
  if (sessionEnded(response)) {
    await forgetFleet();
  } else if (response.ok && (response.headers.get("content-type") || "").includes("application/json") && response.headers.get(OWNER)) {
    const cache = await caches.open(DATA_CACHE);
    await cache.put(SNAPSHOT, response.clone());
  }
  return response;
}

async function networkFirst(request, cacheName, fallback) {
  try {
    const response = await fetch(request);
    if (request.mode === "navigate" && sessionEnded(response)) await forgetFleet();
    if (response.ok && !response.redirected && cacheName) {
      const cache = await caches.open(cacheName);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(fallback || request, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === SNAPSHOT) {
    event.respondWith(snapshot(new Request(SNAPSHOT, { credentials: "same-origin" })));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, null, "/offline.html"));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(networkFirst(request, SHELL_CACHE));
  }
});

// Each page says whose session it belongs to ("" when no one is signed in); a copy kept for anyone else goes.
async function keepOnlyFor(owner) {
  const cached = await caches.match(SNAPSHOT, { cacheName: DATA_CACHE });
  if (cached && (!owner || cached.headers.get(OWNER) !== owner)) await forgetFleet();
}

self.addEventListener("message", (event) => {
  if (event.data === "sign-out") event.waitUntil(forgetFleet());
  else if (event.data && event.data.type === "session") event.waitUntil(keepOnlyFor(String(event.data.owner || "")));
});

// Alarm notifications (Valmetal.Notifier/Channels/PushPayload.cs): shown even with no page open; a newer message on
// the same condition replaces the older one (the tag); a tap opens the alarm, in a page of ours if one is open.
self.addEventListener("push", (event) => {
  let message;
  try {
    message = event.data ? event.data.json() : null;
  } catch {
    message = null;
  }
  if (!message || !message.title) return;
  event.waitUntil(self.registration.showNotification(message.title, {
    body: message.body,
    tag: message.tag || undefined,
    renotify: Boolean(message.tag),
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    data: { url: message.url },
  }));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/alarms", self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil((async () => {
    for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
      if (new URL(client.url).origin === target.origin && "navigate" in client) {
        await client.focus();
        return client.navigate(target.href);
      }
    }
    return self.clients.openWindow(target.href);
  })());
});
