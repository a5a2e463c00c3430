import { readFileSync, writeFileSync } from "node:fs";
import { renderHubSpotWebhooks } from "./render-hubspot-webhooks.ts";

/** `npm run hubspot:webhooks`: rewrites the project's webhooks file from the default mappings. */
const path = new URL("../hubspot-app/src/app/webhooks/webhooks-hsmeta.json", import.meta.url);
const current = JSON.parse(readFileSync(path, "utf8")) as { config: { settings: { targetUrl: string } } };
writeFileSync(path, renderHubSpotWebhooks(current.config.settings.targetUrl));
console.log(`wrote ${path.pathname}`);
