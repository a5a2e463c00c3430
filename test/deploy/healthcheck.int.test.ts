import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listen, type RunningServer } from "../../src/emulators/kit/serve.ts";
import { testApp } from "../support/app.ts";
import { closedPort } from "../support/cli.ts";
import { describeEachBackend } from "../support/db.ts";
import { root } from "./deploy-files.ts";

/** The image's HEALTHCHECK script, run as Docker runs it, against the real web app and a sick one. */
function healthcheck(port: number): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve(root, "deploy/healthcheck.js")],
      { env: { PORT: String(port) }, timeout: 20_000 },
      (error, _stdout, stderr) =>
        done({ code: error ? ((error.code as number | undefined) ?? 1) : 0, stderr }),
    );
  });
}

describeEachBackend("container healthcheck", (db) => {
  let web: RunningServer;
  let sick: RunningServer;
  beforeAll(async () => {
    web = await listen(testApp(db()).fetch);
    sick = await listen(() => new Response("no", { status: 503 }));
  });
  afterAll(async () => {
    await web?.close();
    await sick?.close();
  });

  it("passes when the web app answers on PORT", async () => {
    expect(await healthcheck(web.port)).toEqual({ code: 0, stderr: "" });
  });

  it("fails when the web answers with an error status", async () => {
    expect((await healthcheck(sick.port)).code).toBe(1);
  });

  it("fails, saying why, when nothing listens", async () => {
    const result = await healthcheck(await closedPort());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^healthcheck: .*ECONNREFUSED/);
  });
});
