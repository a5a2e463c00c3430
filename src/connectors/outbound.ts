import { createHmac } from "node:crypto";
import { err, ok, type Result } from "../lib/result.ts";

/** Why a POST did not land; `retryable` for network errors, timeouts, 408, 429 and 5xx. */
export interface PostFailure {
  message: string;
  retryable: boolean;
}

/**
 * The signature automations' webhooks carry (docs/automations.md): HMAC-SHA256 with the rule's
 * secret over `<timestamp>.<body>`, hex, sent as `t=<timestamp>,v1=<hex>`. The timestamp lets a
 * receiver refuse old replays; the body is signed byte for byte as sent.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** POSTs a JSON body to a user-configured URL (Slack incoming webhook, a rule's webhook). */
export async function postJson(
  fetchFn: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = 15_000,
): Promise<Result<string, PostFailure>> {
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Ledgerlink", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // The URL itself may be a credential (a Slack hook): only its host goes into the message.
    const why = String(error).replaceAll(url, "<url>");
    return err({ message: `no answer from ${new URL(url).host}: ${why}`, retryable: true });
  }
  const text = (await res.text().catch(() => "")).slice(0, 200).replaceAll(url, "<url>");
  const summary = `HTTP ${res.status}${text ? ` ${text}` : ""}`;
  if (res.ok) return ok(summary);
  const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
  return err({ message: summary, retryable });
}
