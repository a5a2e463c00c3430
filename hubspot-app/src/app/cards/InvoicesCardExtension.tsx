import { hubspot } from "@hubspot/ui-extensions";
import { InvoicesCard } from "./InvoicesCard";
import { LEDGERLINK_URL } from "./ledgerlink-url";

// The entry point named in invoices-card-hsmeta.json. hubspot.fetch signs each request (v3) with
// the app's client secret and may only reach the URLs allow-listed in app-hsmeta.json.
hubspot.extend<"crm.record.tab">(() => <InvoicesCard fetchCard={hubspot.fetch} baseUrl={LEDGERLINK_URL} />);
