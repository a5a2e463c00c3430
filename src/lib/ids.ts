import { randomBytes } from "node:crypto";

/** URL-safe random identifier with `bytes` bytes of entropy. */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString("base64url");
}
