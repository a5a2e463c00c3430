import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/run.ts";
import { configSchema } from "../../src/config.ts";
import type { DatabaseHandle } from "../../src/db/kysely.ts";
import { healthRoutes } from "../../src/http/health.ts";
import {
  copyParts,
  dockerContextKeeps,
  dockerfileInstructions,
  dockerignorePatterns,
  envNames,
  execForm,
  read,
  root,
  runtimeClosure,
} from "./deploy-files.ts";

/**
 * The image cannot be built where the tests run (no Docker daemon, no registry), so these check
 * what a build depends on: the files it copies exist and reach the builder, every file and package
 * the CLI loads is in the image, and its commands, variables and health route are real.
 */
const instructions = dockerfileInstructions(read("Dockerfile"));
const ignore = dockerignorePatterns(read(".dockerignore"));
const stages = instructions.filter((i) => i.keyword === "FROM");
const runtime = instructions.slice(instructions.indexOf(stages.at(-1)!));
const only = (keyword: string, from = runtime) => from.filter((i) => i.keyword === keyword);
const localCopies = instructions
  .filter((i) => i.keyword === "COPY")
  .map((i) => copyParts(i.args))
  .filter((c) => !c.flags.some((f) => f.startsWith("--from")));
const copiedToImage = (file: string) =>
  localCopies.some((c) =>
    c.sources.some((s) => file === s.replace(/\/$/, "") || file.startsWith(`${s.replace(/\/$/, "")}/`)),
  );
// Walking the import graph parses a few hundred files: once for the whole file.
let closure: ReturnType<typeof runtimeClosure> | undefined;
const loaded = () => (closure ??= runtimeClosure());
const commandNames = commands.map((c) => c.name);
const schemaNames = Object.keys(configSchema.shape);

describe("Dockerfile", () => {
  it("builds in stages from the official slim Node 20 image and runs as a non-root user", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const baseArg = instructions.find((i) => i.keyword === "ARG" && i.args.startsWith("NODE_IMAGE="));
    expect(baseArg?.args).toMatch(/^NODE_IMAGE=node:20(\.[\d.]+)?-[a-z]+-slim$/);
    for (const stage of stages) expect(stage.args).toMatch(/^\$\{NODE_IMAGE\}/);
    const user = only("USER").at(-1)?.args;
    expect(user, "the runtime stage must switch to an unprivileged user").toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it("installs exactly the lock file's production dependencies", () => {
    const install = instructions.find((i) => i.keyword === "RUN" && i.args.includes("npm ci"));
    expect(install?.args).toContain("--omit=dev");
  });

  it("copies only files that exist and that .dockerignore lets into the build context", () => {
    const sources = localCopies.flatMap((c) => c.sources);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(resolve(root, source)), `COPY ${source}: no such file`).toBe(true);
      expect(
        dockerContextKeeps(ignore, source.replace(/\/$/, "")),
        `COPY ${source}: ignored by .dockerignore`,
      ).toBe(true);
    }
  });

  it("copies every file the CLI loads, at the same path, and keeps secrets and tests out", () => {
    const { files } = loaded();
    expect(files).toContain("src/cli/main.ts");
    const missing = files.filter((f) => !dockerContextKeeps(ignore, f) || !copiedToImage(f));
    expect(missing, "files the CLI loads that would be missing from the image").toEqual([]);
    // Relative imports between bin/ and src/ only hold if each copy keeps its path under WORKDIR.
    for (const copy of localCopies) {
      for (const source of copy.sources) {
        const target =
          copy.dest.endsWith("/") && copy.sources.length > 1 ? `${copy.dest}${source}` : copy.dest;
        expect(resolve("/app", target), `COPY ${source} ${copy.dest}`).toBe(resolve("/app", source));
      }
    }
    expect(only("WORKDIR").at(-1)?.args).toBe("/app");
    for (const kept of [".env", ".git/config", "node_modules/x", ".ledgerlink/db", "src/cli/run.test.ts"]) {
      expect(dockerContextKeeps(ignore, kept), `${kept} must not reach the builder`).toBe(false);
    }
  });

  it("needs no development dependency at run time (so `npm ci --omit=dev` is enough)", () => {
    const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string> };
    const { packages } = loaded();
    expect(packages).toContain("tsx");
    expect(packages.filter((p) => !(p in pkg.dependencies))).toEqual([]);
  });

  it("starts a real CLI command through bin/ledgerlink.js", () => {
    expect(execForm(only("ENTRYPOINT")[0]!.args)).toEqual(["node", "bin/ledgerlink.js"]);
    const [command] = execForm(only("CMD")[0]!.args);
    expect(commandNames).toContain(command);
  });

  it("sets only variables of the configuration schema", () => {
    const names = only("ENV").flatMap((i) => envNames(i.args));
    expect(names).toEqual(expect.arrayContaining(["NODE_ENV", "HOST"]));
    expect(names.filter((n) => !schemaNames.includes(n))).toEqual([]);
  });

  it("checks health with the copied script, which asks a route the web really answers", async () => {
    const healthcheck = only("HEALTHCHECK")[0]!.args;
    expect(healthcheck).toMatch(/\bCMD \[/);
    const [node, file] = execForm(healthcheck);
    expect(node).toBe("node");
    expect(copiedToImage(file!)).toBe(true);
    const script = read(file!);
    const path = /path:\s*"([^"]+)"/.exec(script)?.[1];
    expect(path).toBe("/healthz");
    // /healthz answers without touching the database, so no database is needed to prove it.
    const res = await healthRoutes({} as DatabaseHandle).request(path!);
    expect(res.status).toBe(200);
    for (const m of script.matchAll(/process\.env\.([A-Z_]+)/g)) expect(schemaNames).toContain(m[1]);
  });
});
