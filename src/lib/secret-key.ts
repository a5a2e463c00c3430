import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSecretKey } from "./crypto.ts";

/**
 * The key that seals OAuth tokens. Production passes LEDGERLINK_SECRET_KEY; the embedded demo
 * makes one on first start and keeps it beside its data (mode 0600), so a restart can still
 * open what it sealed.
 */
export function resolveSecretKey(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const key = generateSecretKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return key;
}

/** The key as configured or as the embedded demo stored it, without creating one (doctor, status). */
export function existingSecretKey(configured: string | undefined, dataDir: string): string | undefined {
  if (configured) return configured;
  const file = join(dataDir, "secret.key");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}
