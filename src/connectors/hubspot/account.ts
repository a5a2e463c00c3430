import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";

const accountDetails = z.looseObject({
  portalId: z.number(),
  timeZone: z.string().optional(),
  companyCurrency: z.string().length(3),
});

export interface AccountFacts {
  portalId: string;
  timeZone: string;
  companyCurrency: string;
}

/** `GET /account-info/v3/details`: the portal's company currency decides S4 (foreign-currency invoices). */
export async function fetchAccountDetails(
  fetchFn: typeof fetch,
  apiBaseUrl: string,
  accessToken: string,
): Promise<Result<AccountFacts, string>> {
  try {
    const res = await fetchFn(`${apiBaseUrl}/account-info/v3/details`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
      signal: AbortSignal.timeout(20_000),
    });
    if (!res.ok) return err(`HubSpot account details answered ${res.status}`);
    const body = accountDetails.safeParse(await res.json());
    if (!body.success) return err(`HubSpot account details were malformed: ${body.error.message}`);
    return ok({
      portalId: String(body.data.portalId),
      timeZone: body.data.timeZone ?? "UTC",
      companyCurrency: body.data.companyCurrency,
    });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}
