import type { Config } from "../config.ts";
import type { Database } from "../db/kysely.ts";
import { sealedSecretStores } from "../features/catalogue.ts";
import { SecretBox } from "../lib/crypto.ts";
import { keyUsage, wrongKeyMessage } from "../lib/sealed-secrets.ts";
import { existingSecretKey } from "../lib/secret-key.ts";

export interface KeyUsageLine {
  status: "ok" | "warn" | "fail";
  detail: string;
}

const secrets = (n: number) => `${n} secret${n === 1 ? "" : "s"}`;

/**
 * Which key sealed the stored secrets, for doctor and status: all current, some still on a previous
 * key (run `ledgerlink rekey`, then retire it), or some on a key not configured at all.
 * Undefined when there is no key to compare with (nothing configured or stored yet).
 */
export async function keyUsageLine(db: Database, config: Config): Promise<KeyUsageLine | undefined> {
  const current = existingSecretKey(config.secretKey, config.dataDir);
  if (!current) return undefined;
  let box: SecretBox;
  try {
    box = new SecretBox(current, config.previousSecretKeys);
  } catch {
    return {
      status: "fail",
      detail: "LEDGERLINK_PREVIOUS_SECRET_KEYS holds a key that is not 32 bytes, base64-encoded",
    };
  }
  const usage = await keyUsage(sealedSecretStores(db), box);
  const [unknown, count] = [...usage.unknown.entries()][0] ?? [];
  if (unknown !== undefined)
    return { status: "fail", detail: wrongKeyMessage(box, unknown, secrets(count!)) };
  if (usage.previous > 0) {
    return {
      status: "warn",
      detail: `${secrets(usage.previous)} still use an old key (${secrets(usage.current)} the current one): run \`ledgerlink rekey\`, then remove the old key from LEDGERLINK_PREVIOUS_SECRET_KEYS`,
    };
  }
  const retire = box.previousKeyIds.length > 0 ? "; LEDGERLINK_PREVIOUS_SECRET_KEYS can be removed" : "";
  return { status: "ok", detail: `${secrets(usage.current)}, all on the current key${retire}` };
}
