import { beforeEach, describe, expect, it, vi } from "vitest";
import { recordingIO } from "../../../test/support/cli.ts";
import { systemClock } from "../../lib/clock.ts";
import { startRuntime, type Runtime } from "../../main.ts";
import { serveCommand, workerCommand } from "./run-roles.ts";

// The runtime itself is proven by main.int.test.ts; here only what the commands hand it matters.
vi.mock("../../main.ts", () => ({ startRuntime: vi.fn() }));
const started = vi.mocked(startRuntime);

describe("serve and worker run on the system clock (time travel is the demo's only, ADR 0025)", () => {
  beforeEach(() => {
    started.mockReset();
    started.mockResolvedValue({ close: async () => undefined, clock: systemClock } as unknown as Runtime);
  });

  it.each([
    ["serve", serveCommand, { web: true, worker: false }],
    ["worker", workerCommand, { web: false, worker: true }],
  ])("%s passes no clock, so startRuntime takes systemClock", async (_name, command, roles) => {
    const { io } = recordingIO({ LEDGERLINK_DATA_DIR: "/tmp/ll-unused", PORT: "0" });
    expect(await command.run(["--embedded"], io)).toBe(0);
    expect(started).toHaveBeenCalledTimes(1);
    const [, givenRoles, , clock] = started.mock.calls[0]!;
    expect(givenRoles).toEqual(roles);
    expect(clock).toBeUndefined(); // the parameter's default: systemClock
  });
});
