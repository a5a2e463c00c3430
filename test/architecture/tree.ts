import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { importsOf } from "./imports.ts";
import { isTestFile, layerOf, violationsOf, type Violation } from "./rules.ts";

/** Every .ts/.tsx file under `src` (tests included), relative to it, `/`-separated, sorted. */
export function sourceFilesOf(src: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return walk(path);
        return /\.tsx?$/.test(name) ? [relative(src, path).replaceAll("\\", "/")] : [];
      });
  return walk(src);
}

/** Parses every source file under `src` and checks each of its imports against the rules. */
export function checkTree(src: string): Violation[] {
  return sourceFilesOf(src).flatMap((file) =>
    violationsOf(file, importsOf(file, readFileSync(join(src, file), "utf8"))),
  );
}

const howToAddARule =
  "add a row to `layers` in test/architecture/rules.ts saying what its files may import, with a `why`, " +
  "and a line to the 'Horizontal layers' table of docs/ARCHITECTURE.md";

/**
 * Folders directly under `src` (and the features' and emulators' folders) that no row of the rules
 * governs, and top-level .ts files without a row: each as a message saying where to add the rule.
 * A folder is governed when a row covers a file in it or in a sub-folder of it (`features/` itself
 * holds only catalogue.ts; its sub-folders are the features). Empty folders are skipped.
 */
export function foldersWithoutRule(src: string): string[] {
  // A folder with no file in it (git does not even keep it) has nothing to govern.
  const hasFiles = (dir: string): boolean =>
    readdirSync(dir).some((name) => !statSync(join(dir, name)).isDirectory() || hasFiles(join(dir, name)));
  const dirs = (dir: string): string[] =>
    existsSync(dir)
      ? readdirSync(dir)
          .sort()
          .filter((name) => statSync(join(dir, name)).isDirectory() && hasFiles(join(dir, name)))
      : [];
  const governed = (folder: string): boolean =>
    !!layerOf(`${folder}/probe.ts`) || !!layerOf(`${folder}/probe/probe.ts`);
  const out: string[] = [];
  const folders = [
    ...dirs(src),
    ...dirs(join(src, "features")).map((d) => `features/${d}`),
    ...dirs(join(src, "emulators")).map((d) => `emulators/${d}`),
  ];
  for (const folder of folders) {
    if (!governed(folder)) out.push(`src/${folder}/ has no import rule: ${howToAddARule}.`);
  }
  for (const name of readdirSync(src).sort()) {
    if (!/\.tsx?$/.test(name) || isTestFile(name) || layerOf(name)) continue;
    out.push(`src/${name} has no import rule: ${howToAddARule}.`);
  }
  return out;
}

/** Feature folders without the index.ts that is their only door for other features. */
export function featuresWithoutIndex(src: string): string[] {
  const features = join(src, "features");
  if (!existsSync(features)) return [];
  return readdirSync(features)
    .filter((name) => statSync(join(features, name)).isDirectory())
    .filter((name) => !existsSync(join(features, name, "index.ts")))
    .map(
      (name) =>
        `src/features/${name}/ has no index.ts: other features may import a feature only through its index.ts, so give it one (exporting what others use).`,
    );
}

/** Violations grouped by rule (largest group first), each rule's reason said once, for a person to read. */
export function formatReport(violations: Violation[]): string {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) groups.set(v.rule, [...(groups.get(v.rule) ?? []), v]);
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .map(([rule, list]) => {
      const lines = list.map((v) => `- src/${v.file}:${v.line}: ${v.text}`).join("\n");
      return `## ${rule} (${list.length})\n\nWhy: ${list[0]!.why}\n\n${lines}\n`;
    })
    .join("\n");
}
