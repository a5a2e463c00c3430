import { describe, expect, it } from "vitest";
import { translator } from "../../web/i18n/index.ts";
import { DECISION_PATTERNS, decisionText, objectText, triggerText } from "./decision-text.ts";

/** Sentences exactly as the features write them (see each pattern's writer). */
const WRITTEN = [
  "HubSpot product 7 → QuickBooks Item 5 (linked by sku): Name, UnitPrice",
  "Customer Acme Ltd → HubSpot contact 12 (linked): firstname",
  "HubSpot contact 12: QuickBooks Customer 5 linked, nothing to write",
  "HubSpot contact 12: QuickBooks Customer 5 linked by email, nothing to write (2 unchanged, 1 echo)",
  "Item Rocks: sync to HubSpot is off",
  "QuickBooks Customer 58: sync to HubSpot is off",
  'HubSpot contact 12: the rule is "do nothing"',
  "Could not read the lists of HubSpot contact 12",
  "Could not read HubSpot contact 12",
  "Customer Acme Ltd: its HubSpot record was archived",
  'HubSpot contact 12 is not synced: lifecycle stage "lead" is not one of customer',
  "Could not look for HubSpot contact 12 in QuickBooks",
  "HubSpot contact 12: no QuickBooks record fits and the rule only updates",
  "Customer Acme Ltd: already linked",
  "Customer Acme Ltd: sent to review (email)",
  "Customer Acme Ltd linked to HubSpot contact 12 by email",
  "HubSpot contact 12 → created QuickBooks Customer 71",
  "Could not create the QuickBooks record of HubSpot contact 12",
  "set up HubSpot properties (19 created, the rest already there)",
  "set up HubSpot properties",
  "read changes from QuickBooks",
  "Invoice 1037 mirrored to HubSpot invoice 4001 (2 associations)",
  "Could not mirror invoice 1037 to HubSpot",
  "Could not archive the HubSpot invoice of 1037",
  "Invoice 1037 deleted or voided in QuickBooks: its HubSpot invoice is archived (delete rule)",
  "Deal 100018: the latest invoice is not in USD, so the deal's invoice properties are left as they are (S4)",
  "Could not write the invoice properties of deal 100018",
  "Deal 100018: invoice 1037 is overdue",
  "Deal 100018: no live invoice left; invoice properties cleared",
  "Created invoice 1037 in QuickBooks from deal 100018; left unsent",
  "Could not create the invoice for deal 100018; the draft is kept",
  "Created invoice 1037 in QuickBooks from deal 100018 (workflow action)",
  "The workflow action could not create an invoice for deal 100018",
  "Could not complete workflow execution cb-1 in HubSpot",
  "Invoice 1037: sent → overdue (due 2026-11-01)",
  "Invoice 1037 created in QuickBooks: synced to HubSpot (V1)",
  "Invoice 1037 changed in QuickBooks; still sent",
  "Invoice 1037 changed in QuickBooks: sent → paid",
  "Payment 77 deleted in QuickBooks; 2 applications removed",
  "Payment 77 could not be read",
  "Payment 77 of 2026-11-02: 120.00 USD applied to 2 invoices",
  "Payment 77: an older copy than the one recorded; ignored",
  "Read 2 earlier payments: 2 recorded",
  "Read 3 earlier payments: 2 recorded, 1 malformed and skipped",
  "Customer 58 deleted in QuickBooks; no sync rule applies to it",
  "Estimate changed in QuickBooks but could not be read",
  "Invoice 12 could not be read",
  "Invoice could not be read",
  "deal.propertyChange made by Ledgerlink itself; not synced back",
  "deal.creation in HubSpot; no sync rule applies to it",
  "contact.propertyChange (email) in HubSpot; no sync rule applies to it",
];

describe("the Activity page's words (ADR 0037)", () => {
  const en = translator("en");
  const ja = translator("ja");

  it("knows every sentence the features write, and its English key gives the sentence back", () => {
    for (const sentence of WRITTEN) {
      const pattern = DECISION_PATTERNS.find(({ re }) => re.test(sentence));
      expect(pattern, sentence).toBeDefined();
      const groups = pattern!.re.exec(sentence)!.groups ?? {};
      expect(en(pattern!.key, groups as Record<string, string>)).toBe(sentence);
    }
  });

  it("says each one in Japanese, with no English sentence left", () => {
    for (const sentence of WRITTEN) {
      const said = decisionText(ja, "ja", sentence);
      expect(said, sentence).not.toBe(sentence);
      expect(said, sentence).not.toMatch(/[a-z]{3,} [a-z]{3,}/);
    }
    expect(decisionText(ja, "ja", "Read 2 earlier payments: 2 recorded")).toBe(
      "過去の入金 2 件を読み取り、2 件を記録しました",
    );
    expect(decisionText(ja, "ja", "Invoice 1037: sent → overdue (due 2026-11-01)")).toBe(
      "請求書 1037: 顧客に送信されました → 期限超過（期日 2026-11-01）",
    );
  });

  it("names lifecycle stages by label in a refused contact's reason", () => {
    expect(
      decisionText(
        ja,
        "ja",
        'HubSpot contact 12 is not synced: lifecycle stage "none" is not one of customer, lead',
      ),
    ).toBe(
      "HubSpot コンタクト 12 は同期されません: ライフサイクルステージ「未設定」が 顧客、リード のいずれでもありません",
    );
  });

  it("keeps English as stored, and an unknown sentence as it is", () => {
    expect(decisionText(en, "en", "Read 2 earlier payments: 2 recorded")).toBe(
      "Read 2 earlier payments: 2 recorded",
    );
    expect(decisionText(ja, "ja", "something new")).toBe("something new");
  });

  it("translates each part of a joined decision", () => {
    expect(
      decisionText(
        ja,
        "ja",
        "Invoice 1037 mirrored to HubSpot invoice 4001 (2 associations); read changes from QuickBooks",
      ),
    ).toBe(
      "請求書 1037 を HubSpot の請求書 4001 に反映しました（関連付け 2 件）; QuickBooks から変更を読み取りました",
    );
  });

  it("names objects and triggers", () => {
    expect(objectText(ja, "connection")).toBe("接続");
    expect(triggerText(ja, "timer")).toBe("定期実行");
    expect(objectText(ja, "something")).toBe("something");
  });
});
