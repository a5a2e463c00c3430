import { describe, expect, it } from "vitest";
import { recordingIO } from "../../test/support/cli.ts";
import { commandOutput, wantsJson } from "./output.ts";

describe("server commands' own lines", () => {
  it.each([
    [{}, false],
    [{ NODE_ENV: "production" }, true],
    [{ NODE_ENV: "production", LOG_FORMAT: "pretty" }, false],
    [{ LOG_FORMAT: "json" }, true],
    [{ NODE_ENV: "development", LOG_FORMAT: "json" }, true],
  ])("%j → JSON: %s", (env, json) => {
    expect(wantsJson(env)).toBe(json);
  });

  it("are one JSON object per line in production, failures at level fatal on stderr", () => {
    const { io, out, err } = recordingIO({ NODE_ENV: "production" });
    const output = commandOutput(io, "rekey");
    output.info("Re-sealed 2, already current 3.", { resealed: 2 });
    output.fail("could not reach the database");
    expect(JSON.parse(out[0]!)).toMatchObject({
      level: 30,
      msg: "Re-sealed 2, already current 3.",
      resealed: 2,
      command: "rekey",
    });
    expect(JSON.parse(err[0]!)).toMatchObject({ level: 60, msg: "could not reach the database" });
  });

  it("are plain sentences otherwise, failures prefixed with the command", () => {
    const { io, out, err } = recordingIO({});
    const output = commandOutput(io, "migrate");
    output.info("Database is up to date.");
    output.fail("boom");
    expect(out).toEqual(["Database is up to date."]);
    expect(err).toEqual(["ledgerlink migrate: boom"]);
  });
});
