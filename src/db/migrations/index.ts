import type { Migration } from "kysely";
import * as m0001 from "./0001-instance.ts";
import * as m0002 from "./0002-connections.ts";
import * as m0003 from "./0003-rate-budgets.ts";
import * as m0004 from "./0004-invoices.ts";
import * as m0005 from "./0005-sync.ts";
import * as m0006 from "./0006-payments.ts";
import * as m0007 from "./0007-automations.ts";
import * as m0008 from "./0008-workflow-actions.ts";
import * as m0009 from "./0009-health-incidents.ts";
import * as m0012 from "./0012-job-progress.ts";
import { sealSlackUrls, type MigrationContext } from "./0010-seal-slack-urls.ts";
import * as m0011 from "./0011-record-link-agreed.ts";
import * as m0013 from "./0013-parked-jobs-and-customer-claims.ts";
import * as m0014 from "./0014-rate-windows.ts";
import * as m0015 from "./0015-invoice-link-associated.ts";
import * as m0016 from "./0016-initial-sync-index.ts";

export type { MigrationContext };

/**
 * Every migration, in order. The list is code, not a folder scan, so the same migrations run
 * from source, from a bundle and in tests. Never edit one that has shipped: add the next.
 * A migration that seals data takes the secret box from `ctx`.
 */
export function migrationsFor(ctx: MigrationContext): Array<[name: string, migration: Migration]> {
  return [
    ["0001-instance", m0001],
    ["0002-connections", m0002],
    ["0003-rate-budgets", m0003],
    ["0004-invoices", m0004],
    ["0005-sync", m0005],
    ["0006-payments", m0006],
    ["0007-automations", m0007],
    ["0008-workflow-actions", m0008],
    ["0009-health-incidents", m0009],
    ["0010-seal-slack-urls", sealSlackUrls(ctx)],
    ["0011-record-link-agreed", m0011],
    ["0012-job-progress", m0012],
    ["0013-parked-jobs-and-customer-claims", m0013],
    ["0014-rate-windows", m0014],
    ["0015-invoice-link-associated", m0015],
    ["0016-initial-sync-index", m0016],
  ];
}

/** The list without a secret box: for counting and naming (nothing runs from it). */
export const migrations = migrationsFor({});
