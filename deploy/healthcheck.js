// The container's HEALTHCHECK: exit 0 when the web role answers GET /healthz with 200, else 1.
// Plain Node (no tsx, no curl in the slim image), so a check costs one short process.
import { get } from "node:http";

const port = process.env.PORT || "3000";
const request = get({ host: "127.0.0.1", port, path: "/healthz", timeout: 4000 }, (response) => {
  response.resume();
  process.exit(response.statusCode === 200 ? 0 : 1);
});
request.on("timeout", () => request.destroy(new Error("timed out")));
request.on("error", (error) => {
  console.error(`healthcheck: ${error.message}`);
  process.exit(1);
});
