import { z } from "zod";
import { ok, type Result } from "../../lib/result.ts";
import type { HttpClient, VendorError } from "../http-client.ts";
import { MINOR_VERSION } from "./company.ts";

const invoiceEmail = z.looseObject({
  Invoice: z.looseObject({
    BillEmail: z.looseObject({ Address: z.string().optional() }).optional(),
  }),
});

/** The e-mail address QBO sends an invoice to (`BillEmail`), or null when it has none. */
export async function invoiceBillEmail(
  http: HttpClient,
  invoiceId: string,
): Promise<Result<string | null, VendorError>> {
  const res = await http.request({
    method: "GET",
    path: `/invoice/${encodeURIComponent(invoiceId)}`,
    query: { minorversion: MINOR_VERSION },
    schema: invoiceEmail,
  });
  return res.ok ? ok(res.value.body.Invoice.BillEmail?.Address || null) : res;
}
