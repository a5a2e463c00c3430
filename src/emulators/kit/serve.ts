import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a fetch handler on 127.0.0.1 (port 0 picks a free one, which tests always use). */
export function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  port = 0,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      const url = `http://127.0.0.1:${info.port}`;
      resolve({
        url,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.on("error", reject);
  });
}
