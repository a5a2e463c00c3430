import { createServer, type AddressInfo } from "node:net";
import type { CliIO } from "../../src/cli/command.ts";

/** A CliIO that records output and stops long-running commands as soon as they start. */
export function recordingIO(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    untilStopped: () => Promise.resolve(),
  };
  return { io, out, err, text: () => [...out, ...err].join("\n") };
}

/** A port nothing listens on: bound by the system (port 0), then released. Never a fixed number. */
export async function closedPort(): Promise<number> {
  const server = await occupiedPort();
  await server.close();
  return server.port;
}

/** A port held busy on 127.0.0.1 until `close()`, for "already in use" cases. */
export function occupiedPort(): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
