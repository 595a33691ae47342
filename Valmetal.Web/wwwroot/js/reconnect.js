// The reconnect dialog's reload button: the page policy allows no inline handler, so the click is caught here.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("#components-reconnect-modal .reload")) location.reload();
});
