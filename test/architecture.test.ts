import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkTree, featuresWithoutIndex, foldersWithoutRule, formatReport } from "./architecture/tree.ts";

/**
 * The import rules of docs/ARCHITECTURE.md (ADRs 0019, 0020) over the real tree: every .ts/.tsx file of
 * src/, tests included, is parsed with the TypeScript compiler and each import (static, side-effect,
 * type, re-export, dynamic, require, import("x").T, vi.mock) is checked against
 * test/architecture/rules.ts. The rules, and how test files are treated, are documented there; the
 * checker itself is proved on planted files in test/architecture/checker.test.ts.
 */
const src = join(resolve(dirname(fileURLToPath(import.meta.url)), ".."), "src");

describe("import boundaries (docs/ARCHITECTURE.md, ADRs 0019, 0020)", () => {
  it("src/ has no forbidden import", () => {
    const violations = checkTree(src);
    expect(violations.length, `\n${formatReport(violations)}`).toBe(0);
  });

  it("every folder directly under src/, and every feature, has a rule", () => {
    const missing = foldersWithoutRule(src);
    expect(missing, `\n${missing.join("\n")}`).toEqual([]);
  });

  it("every feature has an index.ts, its only door for other features", () => {
    const missing = featuresWithoutIndex(src);
    expect(missing, `\n${missing.join("\n")}`).toEqual([]);
  });
});
