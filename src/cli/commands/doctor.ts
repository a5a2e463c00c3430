import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../../config.ts";
import { databaseError } from "../../db/instance.ts";
import { pendingMigrations } from "../../db/migrate.ts";
import { openConfiguredDatabase } from "../../main.ts";
import { describeCause } from "../causes.ts";
import { keyUsageLine } from "../key-usage.ts";
import { EXIT, type Command } from "../command.ts";
import { configOrReport } from "../load-config.ts";
import {
  consoleValues,
  hubspotAppCheck,
  intuitAppCheck,
  intuitEnvironmentCheck,
  publicUrlCheck,
} from "./doctor-vendors.ts";

export interface Check {
  name: string;
  status: "ok" | "warn" | "fail";
  detail: string;
}

const MARK = { ok: "✓", warn: "!", fail: "✗" } as const;

/** Checks that need no network: what the configuration says and what the database answers. */
export async function runChecks(config: Config): Promise<Check[]> {
  const checks: Check[] = [{ name: "configuration", status: "ok", detail: "every variable is valid" }];
  checks.push(...(await databaseChecks(config)));
  checks.push(secretKeyCheck(config));
  // The vendor apps' values, each missing or malformed one with what to do (doctor-vendors.ts).
  checks.push(publicUrlCheck(config), hubspotAppCheck(config), intuitAppCheck(config));
  checks.push(intuitEnvironmentCheck(config));
  checks.push(smtpCheck(config));
  return checks;
}

/** W3: automations send e-mail only with SMTP settings (the host is shown, never the credentials). */
function smtpCheck(config: Config): Check {
  const name = "automation e-mail";
  if (config.smtp) return { name, status: "ok", detail: `SMTP via ${new URL(config.smtp.url).host}` };
  return { name, status: "warn", detail: "not configured (SMTP_URL, SMTP_FROM); e-mail rules are refused" };
}

/** Where the database is, without its password: "PostgreSQL server 127.0.0.1:5432, database \"x\"". */
export function databaseWhere(config: Config): string {
  if (!config.databaseUrl) return `embedded database in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    const name = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(default)";
    return `PostgreSQL server ${url.host || "(local socket)"}, database "${name}"`;
  } catch {
    return "PostgreSQL server";
  }
}

async function databaseChecks(config: Config): Promise<Check[]> {
  const where = databaseWhere(config);
  const fix = config.databaseUrl ? " (check DATABASE_URL)" : "";
  try {
    const database = await openConfiguredDatabase(config);
    try {
      // The server's own answer (no such database, refused, bad password) is what the operator needs.
      const error = await databaseError(database.db);
      const unreachable = error === undefined ? undefined : describeCause(error);
      if (unreachable !== undefined) {
        return [{ name: "database", status: "fail", detail: `${where}: ${unreachable}${fix}` }];
      }
      const pending = await pendingMigrations(database);
      if (pending.length > 0) {
        return [
          { name: "database", status: "ok", detail: `${where} answers` },
          {
            name: "migrations",
            status: "fail",
            detail: `${pending.length} pending: run \`ledgerlink migrate\``,
          },
        ];
      }
      // Which key sealed the stored secrets: an old one means `ledgerlink rekey` is due.
      const keys = await keyUsageLine(database.db, config);
      return [
        { name: "database", status: "ok", detail: `${where} answers` },
        { name: "migrations", status: "ok", detail: "all applied" },
        ...(keys ? [{ name: "stored secrets", ...keys }] : []),
      ];
    } finally {
      await database.close().catch(() => undefined);
    }
  } catch (error) {
    return [{ name: "database", status: "fail", detail: `${where}: ${describeCause(error)}${fix}` }];
  }
}

function secretKeyCheck(config: Config): Check {
  if (config.secretKey) return { name: "secret key", status: "ok", detail: "LEDGERLINK_SECRET_KEY is set" };
  if (config.databaseUrl) {
    return {
      name: "secret key",
      status: "fail",
      detail:
        "set LEDGERLINK_SECRET_KEY (openssl rand -base64 32): a server deployment must not keep its key on local disk",
    };
  }
  const file = join(config.dataDir, "secret.key");
  return existsSync(file)
    ? { name: "secret key", status: "ok", detail: `embedded key in ${file}` }
    : { name: "secret key", status: "warn", detail: `none yet; the first start creates ${file}` };
}

export const doctorCommand: Command = {
  name: "doctor",
  summary: "Checks configuration, database and migrations, and says what to fix.",
  flags: {},
  usage:
    "ledgerlink doctor\n\nPrints one line per check; exits 1 when any check fails, 2 on invalid configuration.",
  async run(_args, io) {
    const config = configOrReport(io);
    if (!config) return EXIT.usage;
    const checks = await runChecks(config);
    for (const c of checks) io.out(`${MARK[c.status]} ${c.name}: ${c.detail}`);
    for (const line of consoleValues(config)) io.out(line);
    io.out("Connections: checked once connecting HubSpot and QuickBooks is available.");
    return checks.some((c) => c.status === "fail") ? EXIT.failed : EXIT.ok;
  },
};
