import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/run.ts";
import { configSchema } from "../../src/config.ts";
import { PATHS } from "../../src/http/paths.ts";
import { composeOnlyVariables } from "../../scripts/render-env-example.ts";
import { read, root } from "./deploy-files.ts";

/** docs/deploy.md names only files, commands and variables that exist, and the paths proxies must pass. */
const guide = read("docs/deploy.md");

describe("docs/deploy.md", () => {
  it("names only CLI commands that exist", () => {
    const named = [...guide.matchAll(/`ledgerlink ([a-z]+)|bin\/ledgerlink\.js ([a-z]+)/g)].map(
      (m) => (m[1] ?? m[2])!,
    );
    expect(named).toEqual(expect.arrayContaining(["migrate", "serve", "worker", "doctor", "status"]));
    const known = commands.map((c) => c.name);
    expect([...new Set(named.filter((n) => !known.includes(n)))]).toEqual([]);
  });

  it("names only repository files that exist", () => {
    const files = [
      ...guide.matchAll(
        /`((?:deploy\/|docs\/)?[\w.@-]+\.(?:service|yaml|md|ts)|Dockerfile|\.env\.example|deploy\/Caddyfile)`/g,
      ),
    ];
    expect(files.length).toBeGreaterThan(5);
    // A bare name is a sibling guide (docs/) or one of the tests beside this file.
    const where = (file: string) => [file, `docs/${file}`, `test/deploy/${file}`];
    for (const [, file] of files) {
      const found = where(file!).some((p) => existsSync(resolve(root, p)));
      expect(found, `${file} is named but absent`).toBe(true);
    }
  });

  it("names only variables of the schema (or compose's own)", () => {
    const known = [...Object.keys(configSchema.shape), ...Object.keys(composeOnlyVariables)];
    const named = [...guide.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)[`=]/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect([...new Set(named.filter((n) => !known.includes(n)))]).toEqual([]);
  });

  it("tells proxies which vendor paths must reach Ledgerlink, and how to back up and make the key", () => {
    for (const path of [
      PATHS.hubspotWebhooks,
      PATHS.qboWebhooks,
      PATHS.hubspotOAuthCallback,
      PATHS.qboOAuthCallback,
    ]) {
      expect(guide).toContain(path);
    }
    for (const text of ["openssl rand -base64 32", "pg_dump", "pg_restore", "How this was verified"]) {
      expect(guide).toContain(text);
    }
  });
});
