// The lint rules for HubSpot UI extensions, shared by this project's own eslint.config.js and the
// repository's (which lints hubspot-app/ too). HubSpot's guide recommends its shareable config plus
// React Hooks linting:
// https://developers.hubspot.com/docs/apps/developer-platform/add-features/ui-extensions/tools/linting/overview
// The sandbox rules are HubSpot's own (@hubspot/eslint-config-ui-extensions: no DOM, no browser
// storage or dialogs, no HTML elements, only @hubspot/ui-extensions components...); the hooks rules
// are eslint-plugin-react-hooks' (v7, with the React Compiler rules such as set-state-in-effect).
import { config as hubspotConfig } from "@hubspot/eslint-config-ui-extensions";
import reactHooks from "eslint-plugin-react-hooks";

/** `basePath`: where hubspot-app/ is, seen from the config that uses these ("." in its own). */
export function uiExtensions(basePath = ".") {
  // HubSpot's entries for source files only: its entry for eslint.config.js files (CommonJS
  // globals) does not apply to this ESM project, and its globs are narrowed to the card's sources.
  const sandbox = hubspotConfig
    .filter((entry) => entry.plugins?.["@hubspot/ui-extensions"])
    .map((entry) => ({ ...entry, basePath, files: ["src/**/*.{ts,tsx,js,jsx}"] }));
  return [
    {
      basePath,
      files: ["src/**/*.{ts,tsx,js,jsx}", "test/**/*.{ts,tsx}"],
      plugins: { "react-hooks": reactHooks },
      rules: {
        ...reactHooks.configs.flat.recommended.rules,
        "react-hooks/exhaustive-deps": "error",
      },
    },
    ...sandbox,
  ];
}
