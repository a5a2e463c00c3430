import { readFileSync } from "node:fs";

/** The one script of the iframe pages: any `[data-hubspot-done]` element closes HubSpot's modal. */
export const EMBED_JS_PATH = "/assets/embed.js";
export const embedJs = readFileSync(new URL("./assets/embed.js", import.meta.url), "utf8");
