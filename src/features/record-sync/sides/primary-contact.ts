import type { HttpClient, VendorError } from "../../../connectors/http-client.ts";
import { batchUpsert, findBy } from "../../../connectors/hubspot/records.ts";
import { contactProperties } from "../../../connectors/hubspot/wire/index.ts";
import { ok, type Result } from "../../../lib/result.ts";
import type { Identity } from "../identity/index.ts";

/**
 * With customers synced as HubSpot companies, the customer's person (its e-mail, given and family
 * names) is the company's primary contact: found by e-mail or created (an upsert on the e-mail, so
 * a rerun finds it), and associated with the company. A customer without e-mail has none.
 */
export async function ensurePrimaryContact(
  http: HttpClient,
  companyId: string,
  customer: Identity,
): Promise<Result<string | undefined, VendorError>> {
  const email = customer.email;
  if (!email) return ok(undefined);
  const found = await findBy(http, "contacts", [{ property: "email", value: email }], ["email"], 1);
  if (!found.ok) return found;
  let contactId = found.value[0]?.id;
  if (!contactId) {
    const properties = contactProperties({
      email,
      firstName: customer.firstName,
      lastName: customer.lastName,
    });
    const created = await batchUpsert(http, "contacts", "email", [{ id: email, properties }]);
    if (!created.ok) return created;
    contactId = created.value[0]?.id;
  }
  if (!contactId) return ok(undefined);
  const linked = await http.request({
    method: "PUT",
    path: `/crm/v4/objects/companies/${encodeURIComponent(companyId)}/associations/default/contacts/${encodeURIComponent(contactId)}`,
    idempotent: true,
  });
  return linked.ok ? ok(contactId) : linked;
}
