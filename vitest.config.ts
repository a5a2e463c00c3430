import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "src/**/*.test.tsx",
      "test/**/*.test.ts",
      "test/**/*.test.tsx",
      // The HubSpot app project: its card component and its configuration files.
      "hubspot-app/test/**/*.test.ts",
      "hubspot-app/test/**/*.test.tsx",
    ],
    // Generous: on two busy cores an embedded database or a browser story can take a while.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two cores: keep parallelism modest so PGlite start-up does not starve the rest.
    maxWorkers: 2,
  },
});
