// The lint rules for HubSpot UI extensions, shared by this project's own eslint.config.js and the
// repository's (which lints hubspot-app/ too). HubSpot's guide recommends its shareable config plus
// React Hooks linting:
// https://developers.hubspot.com/docs/apps/developer-platform/add-features/ui-extensions/tools/linting/overview
// The hooks rules are eslint-plugin-react-hooks' own (v7, with the React Compiler rules such as
// set-state-in-effect); HubSpot's sandbox rules are expressed with core ESLint rules here.
import reactHooks from "eslint-plugin-react-hooks";

/** UI extensions run in a sandboxed web worker: no DOM, no storage, no browser dialogs. */
const SANDBOX_GLOBALS = [
  "window",
  "document",
  "localStorage",
  "sessionStorage",
  "alert",
  "confirm",
  "prompt",
];

/** `basePath`: where hubspot-app/ is, seen from the config that uses these ("." in its own). */
export function uiExtensions(basePath = ".") {
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
    {
      basePath,
      files: ["src/**/*.{ts,tsx,js,jsx}"],
      rules: {
        // HubSpot's no-browser-apis: these do not exist in the extension's worker.
        "no-restricted-globals": [
          "error",
          ...SANDBOX_GLOBALS.map((name) => ({ name, message: "not available in a UI extension's sandbox" })),
        ],
        // HubSpot's no-html-elements: only @hubspot/ui-extensions components render.
        "no-restricted-syntax": [
          "error",
          {
            selector: "JSXOpeningElement > JSXIdentifier[name=/^[a-z]/]",
            message: "HTML elements do not render in UI extensions; use @hubspot/ui-extensions components",
          },
        ],
      },
    },
  ];
}
