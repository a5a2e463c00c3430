import { existsSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { importsOf } from "../architecture/imports.ts";

/**
 * Readers of the deployment files (Dockerfile, .dockerignore, compose.yaml, systemd units) for the
 * tests in this folder: each turns one file into the few facts the tests check against the code.
 */

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const read = (path: string) => readFileSync(resolve(root, path), "utf8");

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
export function dockerfileInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: { args: string; line: number } | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith("#") || (!pending && line === "")) return;
    const joined = pending ? `${pending.args} ${line}` : line;
    const start = pending?.line ?? index + 1;
    if (line.endsWith("\\")) {
      pending = { args: joined.slice(0, -1).trim(), line: start };
      return;
    }
    pending = undefined;
    const [keyword, ...rest] = joined.split(/\s+/);
    out.push({ keyword: keyword!.toUpperCase(), args: rest.join(" "), line: start });
  });
  return out;
}

/** `COPY [--flags] src… dest` (shell or JSON form) as flags, sources and destination. */
export function copyParts(args: string): { flags: string[]; sources: string[]; dest: string } {
  const words = args.trim().startsWith("[")
    ? (JSON.parse(args) as string[])
    : args.split(/\s+/).filter(Boolean);
  const flags = words.filter((w) => w.startsWith("--"));
  const paths = words.filter((w) => !w.startsWith("--"));
  return { flags, sources: paths.slice(0, -1), dest: paths.at(-1)! };
}

/** The words of an exec-form (JSON array) instruction such as CMD or ENTRYPOINT. */
export function execForm(args: string): string[] {
  const match = /\[.*\]$/.exec(args.trim());
  if (!match) throw new Error(`not in exec form: ${args}`);
  return JSON.parse(match[0]) as string[];
}

/** The variable names an `ENV a=1 b=2` instruction sets. */
export function envNames(args: string): string[] {
  return [...args.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]!);
}

/**
 * Whether the build context keeps `path` under these .dockerignore patterns: as Docker does, the
 * last pattern matching the path or one of its folders decides, and `!` lets a path back in.
 */
export function dockerContextKeeps(patterns: string[], path: string): boolean {
  const parts = path.split("/");
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  let kept = true;
  for (const pattern of patterns) {
    const negated = pattern.startsWith("!");
    const regex = globToRegExp(pattern.replace(/^!/, "").replace(/^\/+|\/+$/g, ""));
    if (candidates.some((c) => regex.test(c))) kept = negated;
  }
  return kept;
}

export function dockerignorePatterns(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (glob.startsWith("**/", i)) {
      out += "(?:.*/)?";
      i += 2;
    } else if (glob.startsWith("**", i)) {
      out += ".*";
      i += 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/**
 * Every file the CLI loads at run time, from `bin/ledgerlink.js` through each value import (type-only
 * imports are erased) and each file read with `new URL("./…", import.meta.url)`, plus the packages
 * those files import. Paths are relative to the repository, `/`-separated.
 */
export function runtimeClosure(entry = "bin/ledgerlink.js"): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.[cm]?[jt]sx?$/.test(file)) return;
    const code = read(file);
    const from = posix.dirname(file);
    for (const found of importsOf(file, code)) {
      if (found.typeOnly || found.kind === "computed") continue;
      const spec = found.specifier;
      if (spec.startsWith(".")) visit(resolveModule(posix.join(from, spec)));
      else if (!isBuiltin(spec)) packages.add(packageName(spec));
    }
    for (const m of code.matchAll(/new URL\(\s*["'](\.{1,2}\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)) {
      visit(posix.join(from, m[1]!));
    }
  };
  visit(entry);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

function resolveModule(path: string): string {
  const tries = [
    path,
    path.replace(/\.js$/, ".ts"),
    path.replace(/\.js$/, ".tsx"),
    `${path}.ts`,
    `${path}/index.ts`,
  ];
  const found = tries.find((p) => existsSync(resolve(root, p)) && !p.endsWith("/"));
  if (!found) throw new Error(`cannot resolve ${path}`);
  return relative(root, resolve(root, found)).replaceAll("\\", "/");
}

function packageName(spec: string): string {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** A systemd unit as section → key → every value given (keys may repeat). */
export type Unit = Record<string, Record<string, string[]>>;

export function parseUnit(text: string): Unit {
  const unit: Unit = {};
  let section: string | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) return;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      unit[section] ??= {};
      return;
    }
    const eq = line.indexOf("=");
    if (!section || eq < 1) throw new Error(`line ${index + 1} is neither a [Section] nor Key=value: ${raw}`);
    const key = line.slice(0, eq).trim();
    (unit[section]![key] ??= []).push(line.slice(eq + 1).trim());
  });
  return unit;
}

/** `${NAME}`, `${NAME:-x}`, `${NAME:?msg}` … in compose files, and `{$NAME}` in a Caddyfile. */
export function interpolatedNames(text: string): string[] {
  const compose = [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  const caddy = [...text.matchAll(/\{\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  return [...new Set([...compose, ...caddy])].sort();
}
