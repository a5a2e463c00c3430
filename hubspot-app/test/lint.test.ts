import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const appDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Lints `code` in place of the card's own source (the TypeScript project service lints only files
 * the project holds, so the planted code borrows a real file's name), with hubspot-app's config.
 */
async function ruleIdsFor(code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: appDir });
  const [result] = await eslint.lintText(code, { filePath: join(appDir, "src/app/cards/InvoicesCard.tsx") });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

/**
 * hubspot-app/ lints on its own with HubSpot's rules for UI extensions and React's hooks rules, as
 * `hs project lint` would: the card is clean, and each rule does fire on code that breaks it.
 */
describe("hubspot-app's own lint", () => {
  it("passes on the card's sources", async () => {
    const eslint = new ESLint({ cwd: appDir });
    const results = await eslint.lintFiles(["src"]);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}`));
    expect(problems).toEqual([]);
  }, 120_000);

  it("refuses what HubSpot's sandbox cannot run, and state set inside an effect", async () => {
    const ids = await ruleIdsFor(
      [
        'import { useEffect, useState } from "react";',
        "export function Planted() {",
        "  const [n, setN] = useState(0);",
        "  useEffect(() => {",
        "    setN(1);",
        "  }, []);",
        '  localStorage.setItem("n", String(n));',
        "  return <div>{n}</div>;",
        "}",
      ].join("\n"),
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        "@hubspot/ui-extensions/no-browser-storage",
        "@hubspot/ui-extensions/no-html-elements",
        "react-hooks/set-state-in-effect",
      ]),
    );
  }, 120_000);
});
