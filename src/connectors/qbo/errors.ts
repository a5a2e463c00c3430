import { z } from "zod";
import type { VendorError } from "../http-client.ts";

/**
 * QBO error decoding, in one place (docs/ARCHITECTURE.md, "How data flows"). Three body shapes reach us
 * (docs/vendors/quickbooks.md §9): the `Fault` envelope on 400s, the gateway's lowercase `fault` on 401s, and
 * XML on 429s and some 5xx even when JSON was asked for. Codes are strings; the code decides before the
 * status. https://developer.intuit.com/app/developer/qbo/docs/develop/troubleshooting/error-codes
 */

const faultError = z.looseObject({
  Message: z.string().optional(),
  Detail: z.string().nullish(),
  code: z.union([z.string(), z.number()]).optional(),
  element: z.string().nullish(),
});
/** `{"Fault": {"Error": [...], "type": "ValidationFault"}, "time": ...}` */
export const qboFaultBody = z.looseObject({
  Fault: z.looseObject({ Error: z.array(faultError).min(1), type: z.string().optional() }),
});

const gatewayError = z.looseObject({
  message: z.string().nullish(),
  detail: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  element: z.string().nullish(),
});
/** The 401 gateway body: `{"fault": {"error": [...], "type": "AUTHENTICATION"}, ...}` */
export const qboGatewayFaultBody = z.looseObject({
  fault: z.looseObject({ error: z.array(gatewayError).min(1), type: z.string().nullish() }),
});

interface Fault {
  code?: string;
  message: string;
}

/** Intuit: "wait 60 seconds before retrying" after a 429; no Retry-After is documented (§10). */
const THROTTLE_WAIT_MS = 60_000;

export function classify(status: number, body: unknown, headers: Headers): VendorError {
  const fault = readFault(body) ?? { message: `QuickBooks answered HTTP ${status}` };
  const base = { message: fault.message, ...(fault.code ? { code: fault.code } : {}) };
  const byCode = fault.code ? classifyCode(Number(fault.code), fault.message) : undefined;
  if (byCode === "rate_limited" || (!byCode && status === 429)) {
    // A Retry-After, if one ever comes, is read by the HTTP client (it may be a date).
    const retryAfter = headers.has("retry-after") ? {} : { retryAfterMs: THROTTLE_WAIT_MS };
    return { kind: "rate_limited", retryable: true, ...retryAfter, ...base };
  }
  const kind = byCode ?? classifyStatus(status);
  return { kind, retryable: kind === "server", ...base };
}

type Kind = VendorError["kind"];

function classifyCode(code: number, message: string): Kind | undefined {
  if (code === 3001) return "rate_limited";
  if (code === 100 || code === 3200) return "auth";
  if (code === 120 || code === 3100) return "forbidden";
  if (code === 5010) return "stale"; // re-read for the new SyncToken and re-apply (§4.1)
  if (code === 610) return "not_found";
  // 600 is a replayed requestid: the first call already did the work (§4.7).
  if (code === 600 || code === 6240 || code === 6140) return "duplicate";
  // Intuit's 2017 blog gave 6210 to duplicate doc numbers; today it is "Account Period Closed".
  if (code === 6210) return /duplicate/i.test(message) ? "duplicate" : "validation";
  if (code >= 10000) return "server";
  if (code >= 500) return "validation"; // 500–599 unsupported, 600–1999 general, 2000+ validation, 6000+ business
  return undefined;
}

function classifyStatus(status: number): Kind {
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 400) return "validation";
  // 500: "resubmit once"; 502–504 and the rest of 5xx are transient on Intuit's side.
  if (status >= 500) return "server";
  return "unknown";
}

/** The first error of whichever shape came back, or undefined for a body we cannot read. */
export function readFault(body: unknown): Fault | undefined {
  const fault = qboFaultBody.safeParse(body);
  if (fault.success) {
    const e = fault.data.Fault.Error[0]!;
    return fault_(e.code, e.Message, e.Detail, e.element);
  }
  const gateway = qboGatewayFaultBody.safeParse(body);
  if (gateway.success) {
    const e = gateway.data.fault.error[0]!;
    return fault_(e.code, e.message, e.detail, e.element);
  }
  return typeof body === "string" ? readXmlFault(body) : undefined;
}

/** `<Fault type="SERVICE"><Error code="3001"><Message>…</Message><Detail>…</Detail>` (§9.4). */
function readXmlFault(xml: string): Fault | undefined {
  const code = /<Error\b[^>]*\bcode="([^"]+)"/.exec(xml)?.[1];
  if (code === undefined) return undefined;
  const text = (tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1]?.trim();
  return fault_(code, text("Message"), text("Detail"), undefined);
}

function fault_(
  code: string | number | null | undefined,
  message: string | null | undefined,
  detail: string | null | undefined,
  element: string | null | undefined,
): Fault {
  const parts = [message, detail].filter((p): p is string => !!p && p.trim() !== "");
  const text = parts.join(": ") || "QuickBooks error";
  return {
    ...(code !== null && code !== undefined ? { code: String(code) } : {}),
    message: element ? `${text} (${element})` : text,
  };
}
