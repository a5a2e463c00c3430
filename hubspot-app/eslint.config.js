// hubspot-app/ lints on its own (`npx eslint .` here): the repository's TypeScript rules that
// matter for a card, and HubSpot's rules for UI extensions (eslint.ui-extensions.js).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { uiExtensions } from "./eslint.ui-extensions.js";

export default tseslint.config(
  { ignores: ["**/node_modules", "**/dist"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: false }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  ...uiExtensions(),
);
