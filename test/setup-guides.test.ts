import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QBO_SCOPES } from "../src/connectors/qbo/oauth.ts";
import { PATHS } from "../src/http/paths.ts";
import { WATCHED_ENTITIES } from "../src/features/changes/pull-qbo-changes.ts";

/** The setup guides name every value a user copies between a vendor console and the environment. */
const guide = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), "utf8");

describe("setup guides", () => {
  it("setup-hubspot.md names each HubSpot variable and every URL of the project", () => {
    const text = guide("setup-hubspot.md");
    for (const name of ["PUBLIC_URL", "HUBSPOT_CLIENT_ID", "HUBSPOT_CLIENT_SECRET", "HUBSPOT_APP_ID"]) {
      expect(text).toContain(`\`${name}\``);
    }
    const paths = [
      PATHS.hubspotOAuthCallback,
      PATHS.hubspotWebhooks,
      PATHS.hubspotCard,
      PATHS.embedNewInvoice,
      PATHS.embedAddInvoice,
      PATHS.workflowCreateInvoice,
      PATHS.workflowCreateInvoiceCompanies,
    ];
    for (const path of paths) expect(text).toContain(path);
    expect(text).toContain("hs project upload");
    expect(text).toContain("ledgerlink doctor");
  });

  it("setup-quickbooks.md names each Intuit variable, both URLs, the scope and every followed entity", () => {
    const text = guide("setup-quickbooks.md");
    for (const name of [
      "INTUIT_CLIENT_ID",
      "INTUIT_CLIENT_SECRET",
      "INTUIT_WEBHOOK_VERIFIER_TOKEN",
      "INTUIT_API_BASE_URL",
    ]) {
      expect(text).toContain(`\`${name}\``);
    }
    for (const path of [PATHS.qboOAuthCallback, PATHS.qboWebhooks]) expect(text).toContain(path);
    for (const scope of QBO_SCOPES) expect(text).toContain(scope);
    for (const entity of WATCHED_ENTITIES) expect(text).toContain(`**${entity}**`);
    expect(text).toContain("ledgerlink doctor");
  });
});
