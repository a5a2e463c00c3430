import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The import rules of DESIGN.md §3 as a test: cli → main → {http, web, queue} → sync →
 * {connectors, db} → lib; emulators stand alone (kit, lib and their vendor's wire.ts only), and
 * nothing but the CLI imports them.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

const allowed: Record<string, (target: string) => boolean> = {
  lib: (t) => t.startsWith("lib/"),
  config: (t) => t.startsWith("lib/"),
  db: (t) => /^(db|lib)\//.test(t),
  connectors: (t) => /^(connectors|lib)\//.test(t),
  queue: (t) => /^(queue|db|lib)\//.test(t),
  sync: (t) => /^(sync|connectors|db|lib)\//.test(t) || t === "queue/catalogue.ts",
  reports: (t) => /^(reports|db|lib)\//.test(t),
  web: (t) => /^(web|db|sync|reports|lib)\//.test(t),
  http: (t) => !t.startsWith("emulators/") && !t.startsWith("cli/") && t !== "main.ts",
  main: (t) => !t.startsWith("emulators/") && !t.startsWith("cli/"),
  cli: () => true,
  "emulators/kit": (t) => /^(emulators\/kit|lib)\//.test(t),
};

function zoneOf(file: string): string {
  if (file.startsWith("emulators/kit/")) return "emulators/kit";
  const vendor = /^emulators\/([^/]+)\//.exec(file)?.[1];
  if (vendor) return `emulators/${vendor}`;
  if (file === "main.ts") return "main";
  if (file === "config.ts") return "config";
  return file.split("/")[0]!;
}

function rule(zone: string): (target: string) => boolean {
  const vendor = /^emulators\/(.+)$/.exec(zone)?.[1];
  if (vendor && vendor !== "kit") {
    return (t) =>
      t.startsWith(`emulators/${vendor}/`) ||
      /^(emulators\/kit|lib)\//.test(t) ||
      t === `connectors/${vendor}/wire.ts`;
  }
  const found = allowed[zone];
  if (!found) throw new Error(`No import rule for src/${zone}: add it to test/architecture.test.ts`);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

export function importsOf(code: string): string[] {
  const found = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g)].map(
    (m) => m[1]!,
  );
  const dynamic = [...code.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  return [...found, ...dynamic];
}

function violations(): string[] {
  const out: string[] = [];
  for (const path of sourceFiles(src)) {
    const file = relative(src, path).replaceAll("\\", "/");
    const check = rule(zoneOf(file));
    for (const spec of importsOf(readFileSync(path, "utf8"))) {
      if (!spec.startsWith(".")) continue;
      const target = relative(src, resolve(dirname(path), spec)).replaceAll("\\", "/");
      if (target.startsWith("..")) out.push(`${file} imports ${spec} from outside src/`);
      else if (!check(target)) out.push(`${file} → ${target}`);
    }
  }
  return out;
}

describe("import boundaries (DESIGN §3)", () => {
  it("has no forbidden edge", () => {
    expect(violations()).toEqual([]);
  });

  it("recognises static, re-export and dynamic imports", () => {
    const code = `import { a } from "./a.ts";\nexport * from "../b.ts";\nconst c = await import("./c.ts");`;
    expect(importsOf(code)).toEqual(["./a.ts", "../b.ts", "./c.ts"]);
  });

  it("would catch an edge the layout forbids", () => {
    expect(rule("lib")("db/kysely.ts")).toBe(false);
    expect(rule("sync")("http/app.tsx")).toBe(false);
    expect(rule("http")("emulators/qbo/index.ts")).toBe(false);
    expect(rule("emulators/qbo")("emulators/hubspot/index.ts")).toBe(false);
    expect(rule("emulators/qbo")("connectors/qbo/wire.ts")).toBe(true);
    expect(rule("emulators/qbo")("connectors/qbo/client.ts")).toBe(false);
  });
});
