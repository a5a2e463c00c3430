import { err, ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";
import { MINOR_VERSION } from "./company.ts";

/** `GET /invoice/{id}/pdf` (docs/vendors/quickbooks.md §3.3): the invoice as the customer would get it. */
export async function invoicePdf(
  http: HttpClient,
  invoiceId: string,
): Promise<Result<Uint8Array, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: `/invoice/${encodeURIComponent(invoiceId)}/pdf`,
    query: { minorversion: MINOR_VERSION },
    headers: { accept: "application/pdf" },
    binary: true,
  });
  if (!res.ok) return res;
  const body = res.value.body;
  return body instanceof Uint8Array
    ? ok(body)
    : err({ kind: "malformed", retryable: false, message: "QuickBooks answered no PDF" });
}
