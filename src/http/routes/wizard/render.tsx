import {
  activeCustomers,
  activeItems,
  activeTaxCodes,
  activeTerms,
  searchCustomers,
} from "../../../connectors/qbo/lists.ts";
import { queryPage } from "../../../connectors/qbo/client.ts";
import { fetchCompanySettings } from "../../../connectors/qbo/company.ts";
import type { VendorError } from "../../../connectors/http-client.ts";
import { updateCompanyFacts } from "../../../db/repos/qbo-connections.ts";
import type { Result } from "../../../lib/result.ts";
import { matchCustomer, uniqueDisplayName } from "../../../sync/customer-match.ts";
import { dealContext } from "../../../sync/invoices/wizard-hubspot.ts";
import { quoteState } from "../../../sync/invoices/wizard-rules.ts";
import { draftErrorText } from "../../../web/invoice-error.ts";
import { CompanyStep, CustomerStep, NumbersRefusal, SourceStep } from "../../../web/pages/wizard/choose.tsx";
import { DetailsStep, ProductsStep } from "../../../web/pages/wizard/lines.tsx";
import { ReviewStep } from "../../../web/pages/wizard/review.tsx";
import { EmbedLayout } from "../../../web/embed-layout.tsx";
import { frame, stepsFor, type Step, type WizardCtx } from "./context.ts";

type Status = 200 | 400 | 502;

/** A vendor read failed: say which and why, in the page, and keep the draft as it is. */
export function vendorFailure(ctx: WizardCtx, vendor: string, error: VendorError) {
  const t = ctx.c.get("t");
  return ctx.c.html(
    <EmbedLayout t={t} locale={ctx.c.get("locale")} title={t("wizard.title")}>
      <p class="banner" role="alert">
        {t("wizard.error.vendor", { vendor, reason: error.message })}
      </p>
    </EmbedLayout>,
    502,
  );
}

async function need<T>(vendor: string, r: Promise<Result<T, VendorError>>) {
  const res = await r;
  if (!res.ok) throw new VendorFailed(vendor, res.error);
  return res.value;
}

export class VendorFailed extends Error {
  constructor(
    readonly vendor: string,
    readonly error: VendorError,
  ) {
    super(error.message);
  }
}

/** Renders one step of the wizard; `error` is a message for the user (re-rendered after a refusal). */
export async function renderStep(ctx: WizardCtx, step: Step, error?: string, status: Status = 200) {
  const { c, data } = ctx;
  const t = c.get("t");
  const base = frame(ctx, step, error);
  const steps = stepsFor(ctx);
  if (step === "company") {
    const companies = ctx.companies.map((x) => ({
      connectionId: x.connectionId,
      companyName: x.companyName,
      usable: x.status === "active",
      why:
        x.status !== "active"
          ? ("reconnect" as const)
          : x.customTxnNumbers
            ? ("numbers" as const)
            : undefined,
    }));
    if (companies.length === 0) return c.html(<p role="alert">{t("wizard.company.none")}</p>, 400);
    return c.html(<CompanyStep {...base} companies={companies} chosen={data.connectionId} />, status);
  }
  const conn = ctx.conn!;
  const qbo = ctx.qbo!;
  if (step === "source") {
    // I9, checked fresh before the first step: the daily refresh may be hours old.
    const settings = await need("QuickBooks", fetchCompanySettings(qbo, conn.realmId));
    await updateCompanyFacts(ctx.deps.database.db, conn.connectionId, settings, ctx.deps.clock.now());
    if (settings.customTxnNumbers)
      return c.html(<NumbersRefusal t={t} locale={c.get("locale")} companyName={conn.companyName} />, 409);
    const deal = await need("HubSpot", dealContext(ctx.hs, ctx.draft.dealId));
    const quotes = deal.quotes.map((q) => ({
      id: q.id,
      title: q.properties.hs_title ?? q.id,
      amount: `${q.properties.hs_quote_amount ?? "0"} ${q.properties.hs_currency ?? ""}`.trim(),
      state: quoteState(q.properties, ctx.today),
    }));
    return c.html(
      <SourceStep
        {...base}
        dealName={deal.dealName}
        quotes={quotes}
        source={data.source}
        previous={steps[0] !== "source"}
      />,
      status,
    );
  }
  if (step === "customer") {
    const query = (c.req.query("q") ?? "").trim().slice(0, 100);
    const all = await need("QuickBooks", activeCustomers(qbo));
    const customers = query ? await need("QuickBooks", searchCustomers(qbo, query)) : all;
    const party = data.party;
    const match = party
      ? matchCustomer(
          { email: party.email, name: party.name, companyName: party.companyName },
          all.map((x) => ({ ...x, active: true })),
        )
      : undefined;
    const matchView =
      match?.kind === "matched"
        ? { kind: "matched" as const, by: match.by, name: match.customer.displayName }
        : match
          ? { kind: match.kind }
          : undefined;
    const chosen =
      data.customer?.kind === "existing"
        ? data.customer.id
        : data.customer?.kind === "new"
          ? "new"
          : undefined;
    const n = data.customer?.kind === "new" ? data.customer : undefined;
    const wanted = n?.displayName ?? party?.name ?? party?.companyName ?? "";
    const newCustomer = {
      displayName: wanted,
      givenName: n?.givenName ?? party?.givenName ?? "",
      familyName: n?.familyName ?? party?.familyName ?? "",
      companyName: n?.companyName ?? party?.companyName ?? "",
      email: n?.email ?? party?.email ?? "",
      phone: n?.phone ?? party?.phone ?? "",
    };
    let uniqueName: { wanted: string; name: string } | undefined;
    if (wanted && match?.kind !== "matched") {
      const taken = await need(
        "QuickBooks",
        queryPage(qbo, {
          entity: "Customer",
          where: [
            ["DisplayName", "LIKE", `${wanted}%`],
            ["Active", "IN", [true, false]],
          ],
          maxResults: 1000,
        }),
      );
      const name = uniqueDisplayName(
        wanted,
        taken.rows.map((r) => String(r.DisplayName ?? "")),
      );
      if (name !== wanted.trim()) uniqueName = { wanted, name };
    }
    const list =
      customers.some((x) => x.id === chosen) || !chosen || chosen === "new"
        ? customers
        : [...all.filter((x) => x.id === chosen), ...customers];
    return c.html(
      <CustomerStep
        {...base}
        party={party}
        match={matchView}
        customers={list}
        query={query}
        chosen={chosen}
        newCustomer={newCustomer}
        uniqueName={uniqueName}
      />,
      status,
    );
  }
  const currency =
    (data.customer?.kind === "existing" ? data.customer.currency : undefined) ?? conn.homeCurrency;
  const us = conn.country === "US";
  if (step === "products") {
    const items = await need("QuickBooks", activeItems(qbo));
    const itemQuery = (c.req.query("itemq") ?? "").trim().toLowerCase();
    const addable = itemQuery
      ? items.filter((i) => `${i.name} ${i.sku ?? ""}`.toLowerCase().includes(itemQuery))
      : items;
    const taxCodes = us ? undefined : await need("QuickBooks", activeTaxCodes(qbo));
    const showTax =
      !us && (c.req.query("showTax") === "1" || status === 400 || data.lines.some((l) => l.taxCodeId));
    return c.html(
      <ProductsStep
        {...base}
        lines={data.lines}
        items={items}
        addable={addable}
        itemQuery={itemQuery}
        taxCodes={taxCodes}
        showTax={showTax}
        currency={currency}
      />,
      status,
    );
  }
  if (step === "details") {
    const terms = await need("QuickBooks", activeTerms(qbo));
    const shown = {
      ...data,
      invoiceDate: data.invoiceDate ?? ctx.today,
      dueDate: data.dueDate ?? data.invoiceDate ?? ctx.today,
    };
    return c.html(<DetailsStep {...base} data={shown} terms={terms} />, status);
  }
  const taxCodeNames = us
    ? {}
    : Object.fromEntries((await need("QuickBooks", activeTaxCodes(qbo))).map((x) => [x.id, x.name]));
  const failure = error ? undefined : draftErrorText(t, ctx.draft.error);
  const sourceLabel = data.source?.kind === "quote" ? t("wizard.source.quote") : t("wizard.source.scratch");
  return c.html(
    <ReviewStep
      {...base}
      error={error ?? failure?.message}
      errorDetail={failure?.detail}
      data={data}
      companyName={conn.companyName}
      sourceLabel={sourceLabel}
      currency={currency}
      taxCodeNames={taxCodeNames}
      us={us}
    />,
    status,
  );
}
