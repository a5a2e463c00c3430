// Ledgerlink's iframe pages inside HubSpot: a "Done" button closes HubSpot's modal. HubSpot listens
// for {"action": "DONE"} from the iframe (docs/vendors/hubspot.md §10) and then refreshes the card. Its docs
// post the JSON as a string; the emulator's record page accepts a string or an object.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-hubspot-done]") : null;
  if (!target) return;
  event.preventDefault();
  window.parent.postMessage(JSON.stringify({ action: "DONE" }), "*");
});
