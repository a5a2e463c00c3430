/** The record page's look: HubSpot's layout in broad strokes (about column, cards column). */
export const RECORD_PAGE_STYLE = `
.timeline-events{list-style:none;padding:0;margin:0}.timeline-event{background:#fff;border:1px solid #cbd6e2;border-radius:4px;padding:.6rem .8rem;margin:.5rem 0}
.timeline-header p,.timeline-header h1,.timeline-header h2,.timeline-header h3{margin:.2rem 0;font-size:1rem}
body{font-family:system-ui,-apple-system,"Hiragino Sans",sans-serif;margin:0;background:#f5f8fa;color:#33475b}
.topbar{background:#2d3e50;color:#fff;padding:.6rem 1.5rem;display:flex;gap:1rem;align-items:center}
.topbar .brand{font-weight:600;color:#ff9b80}.topbar .lang{margin-left:auto;color:#fff}
.user-switcher{display:flex;gap:.4rem;align-items:center;margin:0}.user-switcher label{display:flex;gap:.4rem;align-items:center}
.record{display:grid;grid-template-columns:minmax(20rem,1fr) 2fr;gap:1.5rem;padding:1.5rem;max-width:80rem;margin:auto}
.about,.card{background:#fff;border:1px solid #dfe3eb;border-radius:4px;padding:1rem 1.25rem}
h1{font-size:1.4rem;margin:0 0 .25rem}h2{font-size:1rem;margin:1.25rem 0 .5rem}
.muted{color:#516f90;font-size:.85rem}
dl{display:grid;grid-template-columns:minmax(6rem,max-content) minmax(0,1fr);gap:.3rem 1rem;margin:0}dt{color:#516f90}dd{margin:0;overflow-wrap:anywhere}
.properties{display:block}.properties dt{font-size:.8rem;margin-top:.6rem}.properties dd{font-weight:500}
.cards{display:flex;flex-direction:column;gap:1rem}.cards>h2{margin-top:0}
.card>header{display:flex;align-items:center;gap:.5rem;border-bottom:1px solid #eaf0f6;padding-bottom:.5rem}
.card>header h3{margin:0;font-size:1rem;flex:1}
.card-item{border-bottom:1px solid #eaf0f6;padding:.75rem 0}.card-item h4{margin:0 0 .4rem}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin-top:.5rem}.actions form{display:flex;margin:0}
button.action{background:#fff;border:1px solid #c4411f;color:#c4411f;border-radius:3px;padding:.3rem .8rem;cursor:pointer}
button.action.primary{background:#c4411f;color:#fff}
.status{border-radius:3px;padding:0 .4rem;background:#eaf0f6}.status-SUCCESS{background:#e5f8f6;color:#006e5f}
.status-WARNING{background:#fef8f0;color:#8a4b00}.status-DANGER{background:#fde8e9;color:#b8323a}.status-INFO{background:#e5f5f8;color:#006b82}
.card-error{border-left:4px solid #d94c53;background:#fde8e9;padding:.5rem .75rem;margin-top:.5rem}
.card-error code{display:block;white-space:pre-wrap;font-size:.8rem;margin-top:.3rem}
.warning{color:#b36200;font-size:.85rem}
.notice{margin:1rem auto 0;max-width:80rem;padding:.5rem 1.5rem;border-radius:4px}
.notice-ok{background:#e5f8f6}.notice-error{background:#fde8e9}
dialog{border:none;border-radius:4px;padding:0;box-shadow:0 4px 24px #0004;max-width:95vw}
dialog header{display:flex;align-items:center;background:#00a4bd;color:#fff;padding:.5rem 1rem;gap:1rem}
dialog header span{flex:1}dialog iframe{border:none;display:block;max-width:95vw;max-height:85vh}
#confirm-modal p{padding:1rem 1.5rem}#confirm-modal .actions{padding:0 1.5rem 1rem}
@media (max-width:50rem){.record{grid-template-columns:1fr}}
`;

/**
 * What HubSpot's UI does with card actions: IFRAME opens a modal holding the action's page (which
 * closes it by posting `{"action":"DONE"}`, after which the card refreshes), and a confirmation
 * hook asks first with the card's own words.
 */
export const RECORD_PAGE_SCRIPT = `
(() => {
  const modal = document.getElementById("iframe-modal");
  const frame = modal.querySelector("iframe");
  const closeModal = (reload) => {
    if (!modal.open) return;
    modal.close();
    frame.src = "about:blank";
    if (reload) location.reload();
  };
  document.addEventListener("click", (event) => {
    const opener = event.target.closest("[data-iframe-url]");
    if (!opener) return;
    event.preventDefault();
    frame.src = opener.dataset.iframeUrl;
    frame.width = opener.dataset.width || "640";
    frame.height = opener.dataset.height || "480";
    modal.querySelector(".modal-title").textContent = opener.dataset.label || "";
    modal.showModal();
  });
  modal.querySelector(".modal-close").addEventListener("click", () => closeModal(true));
  window.addEventListener("message", (event) => {
    let data = event.data;
    try { if (typeof data === "string") data = JSON.parse(data); } catch { return; }
    if (data && data.action === "DONE") closeModal(true);
  });
  const confirmModal = document.getElementById("confirm-modal");
  let pending;
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.dataset.confirm || form.dataset.confirmed) return;
    event.preventDefault();
    pending = form;
    confirmModal.querySelector(".confirm-message").textContent = form.dataset.confirm;
    confirmModal.querySelector(".confirm-yes").textContent = form.dataset.confirmLabel;
    confirmModal.querySelector(".confirm-no").textContent = form.dataset.cancelLabel;
    confirmModal.showModal();
  });
  confirmModal.querySelector(".confirm-yes").addEventListener("click", () => {
    confirmModal.close();
    if (!pending) return;
    pending.dataset.confirmed = "1";
    pending.requestSubmit();
  });
  confirmModal.querySelector(".confirm-no").addEventListener("click", () => confirmModal.close());
})();
`;
