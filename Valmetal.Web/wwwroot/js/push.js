// Alarm notifications on this device (Web Push). The notification settings page subscribes the browser and hands the
// subscription to the web app (Notifications/PushSubscriptionEndpoint.cs), which registers it with the API as the
// signed-in user. A subscription belongs to the session that registered it: at sign-out it is cancelled here (the web
// app removes it from the API), and one an earlier session left behind goes to the user signed in now only if they
// allow notifications on this browser; otherwise it is cancelled, so no one else's alarms reach them.
(() => {
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  const signedIn = () => Boolean(document.querySelector("meta[name='valmetal-session']")?.content);
  const registeredBySession = () => document.querySelector("meta[name='valmetal-push']")?.content === "registered";
  // Every signed-in page carries the antiforgery token (the sign-out form); ASP.NET Core reads a script's in this header.
  const antiforgeryToken = () => document.querySelector("input[name='__RequestVerificationToken']")?.value || "";

  // The subscription this browser holds, looked up when the page loads: sign-out cancels it.
  let held = null;

  /** Hands a subscription (PushSubscription.toJSON()) to the web app; returns the HTTP status (204 when registered). */
  const register = async (subscription) => {
    const response = await fetch("/account/push-subscription", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", RequestVerificationToken: antiforgeryToken() },
      body: JSON.stringify(subscription),
    });
    return response.status;
  };

  const keyBytes = (base64url) => {
    const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (base64url.length % 4)) % 4);
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  };

  window.valmetalPush = {
    register,

    /** What the settings page shows: unsupported, denied, default (not asked yet), or granted / subscribed. */
    async state() {
      if (!supported) return "unsupported";
      if (Notification.permission !== "granted") return Notification.permission;
      // Not "ready": a worker that failed to install would leave the page waiting for good.
      const registration = await navigator.serviceWorker.getRegistration();
      return (await registration?.pushManager.getSubscription()) ? "subscribed" : "granted";
    },

    /** Asks for permission, subscribes with the app's VAPID key and registers the subscription for the signed-in user. */
    async enable(vapidPublicKey) {
      if (!supported) return "unsupported";
      if ((await Notification.requestPermission()) !== "granted") return "denied";
      const registration = await navigator.serviceWorker.ready;
      const subscription = (await registration.pushManager.getSubscription())
        || (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(vapidPublicKey) }));
      held = subscription;
      return (await register(subscription.toJSON())) === 204 ? "subscribed" : "refused";
    },
  };

  if (!supported) return;

  navigator.serviceWorker.ready.then(async (registration) => {
    const subscription = await registration.pushManager.getSubscription();
    held = subscription;
    if (!subscription || !signedIn() || registeredBySession()) return;
    if (Notification.permission === "granted" && (await register(subscription.toJSON())) === 204) return;
    await subscription.unsubscribe();
    held = null;
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!held || !form.matches("form[action$='account/signout']")) return;
    // Sign-out waits for the cancellation: a page that unloads first would leave the subscription to the next user.
    event.preventDefault();
    const subscription = held;
    held = null;
    // A failed cancellation does not hold the user back: the web app still removes the subscription from the API.
    subscription.unsubscribe().catch(() => false).finally(() => form.submit());
  });
})();
