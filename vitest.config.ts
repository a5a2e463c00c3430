import { defineConfig } from "vitest/config";

/**
 * Three test tiers, told apart by file name: `*.test.ts` pure (no database, no emulator, no
 * browser), `*.int.test.ts` a database or the in-process emulators, `*.e2e.test.ts` Chromium.
 * `npm test` runs them all; `npm run test:unit` only the pure tier, in seconds.
 */
const roots = ["src", "test", "hubspot-app/test", "bench"];
const files = (suffix: string) => roots.flatMap((r) => [`${r}/**/*${suffix}.ts`, `${r}/**/*${suffix}.tsx`]);
const tiers = { int: files(".int.test"), e2e: files(".e2e.test") };

export default defineConfig({
  test: {
    // Generous: on two busy cores an embedded database or a browser story can take a while.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two cores: keep parallelism modest so PGlite start-up does not starve the rest.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: files(".test"), exclude: [...tiers.int, ...tiers.e2e] },
      },
      { extends: true, test: { name: "int", include: tiers.int } },
      { extends: true, test: { name: "e2e", include: tiers.e2e } },
    ],
  },
});
