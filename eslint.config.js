// Type-aware lint: floating promises are errors because a dropped promise in a
// webhook handler or a job is exactly the silent failure Ledgerlink exists to avoid.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { uiExtensions } from "./hubspot-app/eslint.ui-extensions.js";

export default tseslint.config(
  { ignores: ["node_modules", ".ledgerlink", "coverage", "hubspot-app/**/dist"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: false }],
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // Scripts served to browsers (the iframe pages).
    files: ["src/web/assets/**/*.js"],
    languageOptions: { globals: { window: "readonly", document: "readonly", Element: "readonly" } },
  },
  // The app card: HubSpot's rules for UI extensions, as hubspot-app/eslint.config.js applies them.
  ...uiExtensions("hubspot-app"),
);
