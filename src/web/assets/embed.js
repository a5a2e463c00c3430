// Ledgerlink's iframe pages inside HubSpot: a "Done" button closes HubSpot's modal. HubSpot listens
// for {"action": "DONE"} from the iframe (docs/vendors/hubspot.md §10) and then refreshes the card. Its docs
// post the JSON as a string; the emulator's record page accepts a string or an object.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-hubspot-done]") : null;
  if (!target) return;
  event.preventDefault();
  window.parent.postMessage(JSON.stringify({ action: "DONE" }), "*");
});

// The wizard's details step (`form[data-due-date-url]`): the due date follows the payment terms and
// the invoice date as soon as they change, while the user has not set it themselves. The server
// computes it (one due-date rule); the page's "Update due date" button (`data-no-script`) does the
// same round trip without this script and is hidden with it. `shownDueDate` moves along, so the
// step still reads the date as following the terms, not as an edit.
for (const form of document.querySelectorAll("form[data-due-date-url]")) {
  const field = (name) => form.elements.namedItem(name);
  const [terms, invoiceDate, due, shown] = ["termId", "invoiceDate", "dueDate", "shownDueDate"].map(field);
  if (!terms || !invoiceDate || !due || !shown) continue;
  for (const el of form.querySelectorAll("[data-no-script]")) el.hidden = true;
  let follows = form.querySelector("[data-due]")?.getAttribute("data-due") !== "edited";
  let asked = 0;
  // Emptying the field hands the date back to the terms, as the step does on submit.
  due.addEventListener("input", () => {
    follows = due.value === "";
  });
  const follow = async () => {
    if (!follows) return;
    const ask = ++asked;
    const url = new window.URL(form.dataset.dueDateUrl, document.location.href);
    url.searchParams.set("termId", terms.value);
    url.searchParams.set("invoiceDate", invoiceDate.value);
    try {
      const res = await window.fetch(url, { headers: { accept: "application/json" } });
      const answer = res.ok ? await res.json() : undefined;
      // Only the latest question's answer, and never over a date the user typed meanwhile.
      if (!answer || ask !== asked || !follows) return;
      due.value = answer.dueDate;
      shown.value = answer.dueDate;
    } catch {
      // Offline or refused: Next still sends the form, and the step computes the date itself.
    }
  };
  terms.addEventListener("change", follow);
  invoiceDate.addEventListener("change", follow);
}
