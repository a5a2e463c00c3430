import { readFileSync } from "node:fs";

/**
 * The one script of the iframe pages (CSP forbids inline scripts), served by `http/app.tsx`.
 * Data attributes it understands:
 * - `data-hubspot-done` on any element: a click posts `{"action":"DONE"}` to HubSpot, which closes
 *   its modal and refreshes the card (the wizard's last step and "Add existing invoice" use it).
 * - `data-due-date-url` on the wizard's details form: the due date follows the terms as they change,
 *   asked of that URL; elements marked `data-no-script` (the "Update due date" button) are hidden.
 */
export const EMBED_JS_PATH = "/assets/embed.js";
export const embedJs = readFileSync(new URL("./assets/embed.js", import.meta.url), "utf8");
