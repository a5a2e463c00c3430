import { z } from "zod";
import { err, ok, type Result } from "../../lib/result.ts";

/** The Accounting API's minor version we speak (quickbooks.md §4.8). */
export const MINOR_VERSION = 75;

const companyInfo = z.looseObject({
  CompanyInfo: z.looseObject({ CompanyName: z.string(), Country: z.string().optional() }),
});
const preferences = z.looseObject({
  Preferences: z.looseObject({
    SalesFormsPrefs: z.looseObject({ CustomTxnNumbers: z.boolean().optional() }).optional(),
    CurrencyPrefs: z
      .looseObject({
        MultiCurrencyEnabled: z.boolean().optional(),
        HomeCurrency: z.looseObject({ value: z.string() }).optional(),
      })
      .optional(),
  }),
});

export interface CompanySettings {
  companyName: string;
  country: string;
  homeCurrency: string;
  multiCurrency: boolean;
  /** SPEC I9: invoice creation is refused while this is on. */
  customTxnNumbers: boolean;
}

async function getJson(fetchFn: typeof fetch, url: string, token: string): Promise<Result<unknown, string>> {
  try {
    const res = await fetchFn(url, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      signal: AbortSignal.timeout(20_000),
    });
    if (!res.ok) return err(`QuickBooks answered ${res.status} for ${new URL(url).pathname}`);
    return ok(await res.json());
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

/** Reads CompanyInfo and Preferences: name, country (tax model), currency and numbering settings. */
export async function fetchCompanySettings(
  fetchFn: typeof fetch,
  apiBaseUrl: string,
  realmId: string,
  accessToken: string,
): Promise<Result<CompanySettings, string>> {
  const base = `${apiBaseUrl}/v3/company/${encodeURIComponent(realmId)}`;
  const info = await getJson(
    fetchFn,
    `${base}/companyinfo/${encodeURIComponent(realmId)}?minorversion=${MINOR_VERSION}`,
    accessToken,
  );
  if (!info.ok) return info;
  const prefs = await getJson(fetchFn, `${base}/preferences?minorversion=${MINOR_VERSION}`, accessToken);
  if (!prefs.ok) return prefs;
  const i = companyInfo.safeParse(info.value);
  const p = preferences.safeParse(prefs.value);
  if (!i.success || !p.success) return err("QuickBooks company settings were malformed");
  const currency = p.data.Preferences.CurrencyPrefs;
  return ok({
    companyName: i.data.CompanyInfo.CompanyName,
    country: i.data.CompanyInfo.Country ?? "US",
    homeCurrency: currency?.HomeCurrency?.value ?? "USD",
    multiCurrency: currency?.MultiCurrencyEnabled ?? false,
    customTxnNumbers: p.data.Preferences.SalesFormsPrefs?.CustomTxnNumbers ?? false,
  });
}
