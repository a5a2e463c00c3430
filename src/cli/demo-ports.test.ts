import { describe, expect, it } from "vitest";
import { describeCause } from "./causes.ts";
import { demoPortProblems, FETCH_BLOCKED_PORTS, portInUseAdvice } from "./demo-ports.ts";

describe("the ports fetch refuses", () => {
  it('are the ones Node\'s fetch answers with "bad port" (checked before any connection)', async () => {
    for (const port of FETCH_BLOCKED_PORTS) {
      const error = await fetch(`http://127.0.0.1:${port}/`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(describeCause(error), String(port)).toBe("bad port");
    }
  });

  it("do not include the demo's defaults", () => {
    for (const port of [3000, 3001, 3002]) expect(FETCH_BLOCKED_PORTS.has(port)).toBe(false);
  });
});

describe("demo port problems", () => {
  const ok = { PORT: 3000, DEMO_HUBSPOT_PORT: 3001, DEMO_QBO_PORT: 3002 };

  it("none for the defaults", () => {
    expect(demoPortProblems(ok, false)).toEqual([]);
  });

  it("the same port twice names both variables", () => {
    expect(demoPortProblems({ ...ok, DEMO_QBO_PORT: 3000 }, false)).toEqual([
      "PORT and DEMO_QBO_PORT are both 3000; give each its own port",
    ]);
  });

  it("PORT=0 is refused only without PUBLIC_URL", () => {
    expect(demoPortProblems({ ...ok, PORT: 0 }, false)).toHaveLength(1);
    expect(demoPortProblems({ ...ok, PORT: 0 }, true)).toEqual([]);
  });

  it("errors about other things get no port advice", () => {
    expect(portInUseAdvice(new Error("boom"), ok)).toBeUndefined();
  });
});
