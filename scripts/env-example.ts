import { writeFileSync } from "node:fs";
import { configDescriptions, configSchema } from "../src/config.ts";
import { renderEnvExample } from "./render-env-example.ts";

// `npm run env:example`: rewrites .env.example from the configuration schema.
const target = new URL("../.env.example", import.meta.url);
try {
  writeFileSync(target, renderEnvExample(configSchema.shape, configDescriptions));
  console.log("Wrote .env.example");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
