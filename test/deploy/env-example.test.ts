import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configDescriptions, configSchema } from "../../src/config.ts";
import {
  composeOnlyVariables,
  ENV_EXAMPLE_COMMAND,
  renderEnvExample,
} from "../../scripts/render-env-example.ts";
import { read } from "./deploy-files.ts";

/** .env.example is generated from the configuration schema; these keep the two equal. */
describe(".env.example", () => {
  it("is what the schema renders today", () => {
    const expected = renderEnvExample(configSchema.shape, configDescriptions);
    expect(
      read(".env.example") === expected,
      `.env.example is out of date with src/config.ts: run \`${ENV_EXAMPLE_COMMAND}\` and commit the result`,
    ).toBe(true);
  });

  it("lists every variable of the schema once, and the compose-only ones after them", () => {
    const text = read(".env.example");
    const names = [...text.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
    expect(names).toEqual([...Object.keys(configSchema.shape), ...Object.keys(composeOnlyVariables)]);
    expect(Object.keys(composeOnlyVariables).filter((n) => n in configSchema.shape)).toEqual([]);
  });

  it("describes no variable the schema has dropped", () => {
    expect(Object.keys(configDescriptions).filter((n) => !(n in configSchema.shape))).toEqual([]);
  });
});

describe("renderEnvExample", () => {
  const render = (shape: Record<string, z.ZodType>, descriptions: Record<string, string> = {}) =>
    renderEnvExample(shape, descriptions)
      .split("\n\n")
      .filter((b) => !b.startsWith("# Ledgerlink") && !b.startsWith("# ----"));

  it("shows a default commented out, and leaves an optional or required variable to fill in", () => {
    const blocks = render(
      {
        PORT: z.coerce.number().int().default(3000),
        TOKEN: z.string().optional(),
        NEEDED: z.string().min(1),
      },
      { PORT: "web server port", TOKEN: "a token", NEEDED: "something required" },
    );
    expect(blocks.slice(0, 3)).toEqual([
      "# web server port [default: 3000]\n# PORT=3000",
      "# a token [optional]\nTOKEN=",
      "# something required [required]\nNEEDED=",
    ]);
  });

  it("reads any zod type: enums, booleans, transformed lists, and a description on the schema", () => {
    const blocks = render({
      MODE: z.enum(["a", "b"]).default("b").describe("the mode"),
      FLAG: z.stringbool().default(false).describe("a switch"),
      LIST: z
        .string()
        .default("x,y")
        .transform((s) => s.split(","))
        .describe("a list"),
      SPACED: z.string().default("two words").describe("quoted when needed"),
    });
    expect(blocks.slice(0, 4)).toEqual([
      "# the mode [one of: a, b; default: b]\n# MODE=b",
      "# a switch [default: false]\n# FLAG=false",
      "# a list [default: x,y]\n# LIST=x,y",
      '# quoted when needed [default: "two words"]\n# SPACED="two words"',
    ]);
  });

  it("refuses, naming them, variables nobody described", () => {
    expect(() => render({ A: z.string().optional(), B: z.string().optional() }, { A: "described" })).toThrow(
      /No description for B: add a line to configDescriptions in src\/config\.ts .*npm run env:example/,
    );
  });
});
