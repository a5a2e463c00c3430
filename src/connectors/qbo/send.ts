import { z } from "zod";
import { ok, type Result } from "../../lib/result.ts";
import type { QboEntity } from "./client.ts";
import { MINOR_VERSION } from "./company.ts";
import type { HttpClient, VendorError } from "../http-client.ts";

const sent = z.looseObject({ Invoice: z.looseObject({ Id: z.string() }) });

/**
 * `POST /invoice/{id}/send` (docs/vendors/quickbooks.md §3.3): QBO e-mails the invoice to `sendTo`, else to
 * its BillEmail, and answers the invoice with `EmailStatus: EmailSent`. Sending twice sends twice, so
 * callers send only what they have just created.
 */
export async function sendInvoice(
  http: HttpClient,
  invoiceId: string,
  sendTo?: string,
): Promise<Result<QboEntity, VendorError>> {
  const res = await http.request({
    method: "POST",
    path: `/invoice/${encodeURIComponent(invoiceId)}/send`,
    query: { minorversion: MINOR_VERSION, ...(sendTo ? { sendTo } : {}) },
    headers: { "content-type": "application/octet-stream" },
    body: "",
    schema: sent,
  });
  return res.ok ? ok(res.value.body.Invoice as QboEntity) : res;
}
