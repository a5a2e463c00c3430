import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

const upserted = z.looseObject({ results: z.array(z.looseObject({ id: z.string() })) });

/**
 * Creates or updates one HubSpot invoice object (`0-53`) by a unique property
 * (`POST /crm/v3/objects/invoices/batch/upsert`): running it again updates the same object.
 */
export async function upsertInvoiceObject(
  http: HttpClient,
  idProperty: string,
  properties: Record<string, string>,
): Promise<Result<string, VendorError>> {
  const id = properties[idProperty];
  if (!id) return err({ kind: "validation", retryable: false, message: `${idProperty} is empty` });
  const res = await http.request({
    method: "POST",
    path: "/crm/v3/objects/invoices/batch/upsert",
    body: { inputs: [{ idProperty, id, properties }] },
    schema: upserted,
    idempotent: true,
  });
  if (!res.ok) return res;
  const first = res.value.body.results[0];
  return first
    ? ok(first.id)
    : err({ kind: "malformed", retryable: false, message: "upsert answered no result" });
}

/** `PUT /crm/v4/objects/invoices/{id}/associations/default/{toType}/{toId}`: idempotent. */
export async function associateInvoice(
  http: HttpClient,
  invoiceObjectId: string,
  toType: string,
  toId: string,
): Promise<Result<void, VendorError>> {
  const res = await http.request({
    method: "PUT",
    path: `/crm/v4/objects/invoices/${encodeURIComponent(invoiceObjectId)}/associations/default/${encodeURIComponent(toType)}/${encodeURIComponent(toId)}`,
    idempotent: true,
  });
  return res.ok ? ok(undefined) : res;
}
