import { describe, expect, it } from "vitest";
import { closedPort } from "../../test/support/cli.ts";
import { describeCause } from "./causes.ts";

describe("describeCause", () => {
  it('says what is behind fetch\'s "fetch failed": the refused address', async () => {
    const port = await closedPort();
    const error = await fetch(`http://127.0.0.1:${port}/`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe("fetch failed");
    expect(describeCause(error)).toBe(`connection refused at 127.0.0.1:${port}`);
  });

  it("opens an AggregateError (each address of a host name tried)", () => {
    const refused = (address: string) =>
      Object.assign(new Error("x"), { code: "ECONNREFUSED", address, port: 5 });
    const error = new AggregateError([refused("::1"), refused("127.0.0.1")], "");
    expect(describeCause(error)).toBe("connection refused at ::1:5; connection refused at 127.0.0.1:5");
  });
});
