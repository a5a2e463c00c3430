/**
 * The demo's QBO companies are Intuit's sample company (landscaping items); the HubSpot demo
 * portal sells software and services. So that a demo quote maps onto QBO items by SKU (I4) without
 * anyone resolving lines by hand, each company gets the portal's products as Service items, once.
 * This is demo set-up, done through the QBO API with a token from the emulator's control route.
 */
export const DEMO_PRODUCTS = [
  { Name: "Consulting hour", Sku: "CONS-HR", UnitPrice: 150 },
  { Name: "Annual licence", Sku: "LIC-ANNUAL", UnitPrice: 1200 },
  { Name: "Onboarding package", Sku: "ONB-PKG", UnitPrice: 2500 },
  { Name: "Support plan (monthly)", Sku: "SUP-MO", UnitPrice: 99 },
  { Name: "Training workshop", Sku: "TRN-WS", UnitPrice: 800 },
];

export async function addDemoCatalogue(
  fetchImpl: typeof fetch,
  qboUrl: string,
  realmId: string,
  clientId: string,
): Promise<void> {
  const tokenRes = await fetchImpl(`${qboUrl}/__emulator/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ realmId, clientId }),
  });
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const api = async (method: string, path: string, body?: unknown) => {
    const sep = path.includes("?") ? "&" : "?";
    const res = await fetchImpl(`${qboUrl}/v3/company/${realmId}${path}${sep}minorversion=75`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`QBO ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { QueryResponse?: Record<string, Array<Record<string, unknown>>> };
  };
  const query = (q: string) => api("GET", `/query?query=${encodeURIComponent(q)}`);
  const income = (await query("SELECT * FROM Account WHERE AccountType = 'Income'")).QueryResponse
    ?.Account?.[0];
  if (!income) throw new Error(`QBO company ${realmId} has no income account`);
  const have = new Set(
    ((await query("SELECT * FROM Item")).QueryResponse?.Item ?? []).map((i) => String(i.Name)),
  );
  for (const product of DEMO_PRODUCTS) {
    if (have.has(product.Name)) continue;
    await api("POST", "/item", { ...product, Type: "Service", IncomeAccountRef: { value: income.Id } });
  }
}
