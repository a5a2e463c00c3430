import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Link,
  LoadingSpinner,
  StatusTag,
  TableHeader,
  TableRow,
} from "@hubspot/ui-extensions";
import { createRenderer, RenderedNodeType, type RenderedNode } from "@hubspot/ui-extensions/testing";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CardFetch } from "../src/app/cards/card-api";
import { InvoicesCard } from "../src/app/cards/InvoicesCard";

const BASE = "https://ledgerlink.example.com";

/** Answers recorded from Ledgerlink's card API by src/features/invoices/card/card-app.int.test.ts. */
const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), "utf8"));

/** A stand-in for hubspot.fetch that replays answers in order and keeps every URL it was asked. */
function replay(...answers: Array<() => Response>) {
  const urls: string[] = [];
  const fetchCard: CardFetch = (url) => {
    urls.push(url);
    const next = answers[Math.min(urls.length, answers.length) - 1];
    return Promise.resolve(next!());
  };
  return { fetchCard, urls };
}

/** All the text under a node; the renderer's own `text` holds only a node's direct text. */
const textOf = (node: RenderedNode): string =>
  node.nodeType === RenderedNodeType.Text
    ? node.text
    : "childNodes" in node
      ? node.childNodes.map(textOf).join(" ")
      : "";

const ok = (name: string) => () => Response.json(recorded(name));

function renderCard(fetchCard: CardFetch, record = { objectId: 512, objectTypeId: "0-3" }, locale?: string) {
  const renderer = createRenderer("crm.record.tab");
  renderer.mocks.context.crm = record;
  renderer.mocks.context.user.locale = locale;
  renderer.render(<InvoicesCard fetchCard={fetchCard} baseUrl={BASE} />);
  return renderer;
}

describe("Integration invoices app card", () => {
  it("asks Ledgerlink for the record's invoices and lists them as the classic card does", async () => {
    const { fetchCard, urls } = replay(ok("deal-list"));
    const card = renderCard(fetchCard);
    expect(card.find(LoadingSpinner).props.label).toBe("Loading invoices from Ledgerlink");
    await card.waitFor(() => expect(card.findAll(StatusTag)).toHaveLength(6));
    expect(urls).toEqual([
      `${BASE}/hubspot/card?format=app-card&associatedObjectType=DEAL&associatedObjectId=512`,
    ]);
    const headers = card.findAll(TableHeader).map((h) => h.text);
    expect(headers).toEqual(["Invoice", "QuickBooks company", "Amount", "Due date", "Status"]);
    const first = card.findAll(TableRow)[1]!;
    expect(textOf(first)).toContain("Thames Garden Studio Ltd");
    expect(textOf(first)).toContain("£480.00");
    expect(textOf(first)).toContain("2026-12-01");
    const preview = first.find(Link);
    expect(preview.text).toBe("1001");
    expect(preview.props.href).toEqual({
      url: "http://ledgerlink.test/invoices/key-1/preview?t=TOKEN",
      external: true,
    });
    const tags = card.findAll(StatusTag).map((t) => [t.text, t.props.variant]);
    expect(tags).toContainEqual(["Overdue", "danger"]);
    expect(tags).toContainEqual(["Paid in full", "success"]);
    expect(card.findAll(Button).map((b) => b.text)).toEqual(["Create invoice", "Add existing invoice"]);
  });

  it("says above the list why the deal's properties are not updated (S4: a GBP invoice, a USD account)", async () => {
    const card = renderCard(replay(ok("deal-list")).fetchCard);
    await card.waitFor(() => expect(card.findAll(StatusTag)).toHaveLength(6));
    const alert = card.find(Alert);
    expect(alert.props.title).toBe("Deal properties not updated");
    expect(textOf(alert)).toContain("the invoice is in GBP and this HubSpot account's currency is USD");
  });

  it("shows an open health incident above the list, with its Reconnect link", async () => {
    const withAlert = () =>
      Response.json({
        ...(recorded("deal-list") as object),
        alerts: [
          {
            title: "Needs attention",
            body: "Ledgerlink can no longer reach the QuickBooks company Thames Garden Studio Ltd.",
            reconnect: { label: "Reconnect", url: `${BASE}/connections` },
          },
        ],
      });
    const card = renderCard(replay(withAlert).fetchCard);
    await card.waitFor(() => expect(card.findAll(StatusTag)).toHaveLength(6));
    const alert = card.find(Alert);
    expect(alert.props.title).toBe("Needs attention");
    expect(textOf(alert)).toContain("Thames Garden Studio Ltd");
    expect(alert.find(Link).props.href).toEqual({ url: `${BASE}/connections`, external: true });
  });

  it("opens the wizard in HubSpot's iframe modal and reloads the list when it closes", async () => {
    const { fetchCard, urls } = replay(ok("contact-empty"), ok("deal-list"));
    const card = renderCard(fetchCard);
    await card.waitFor(() => expect(card.find(EmptyState)).toBeTruthy());
    expect(card.find(EmptyState).props.title).toBe("No invoices on this record yet");
    card.find(Button, (b) => b.text === "Add existing invoice").trigger("onClick");
    const modal = card.mocks.actions.openIframeModal;
    expect(modal.callCount).toBe(1);
    const [payload, onClose] = modal.calls[0]!;
    expect(payload).toEqual({
      uri: "http://ledgerlink.test/embed/invoices/add?t=TOKEN",
      width: 900,
      height: 720,
      title: "Add existing invoice",
    });
    onClose!();
    await card.waitFor(() => expect(card.findAll(StatusTag)).toHaveLength(6));
    expect(urls).toHaveLength(2);
  });

  it("on an empty contact offers Add existing only", async () => {
    const { fetchCard, urls } = replay(ok("contact-empty"));
    const card = renderCard(fetchCard, { objectId: 999, objectTypeId: "0-1" });
    await card.waitFor(() => expect(card.find(EmptyState)).toBeTruthy());
    expect(urls[0]).toContain("associatedObjectType=CONTACT&associatedObjectId=999");
    expect(textOf(card.find(EmptyState))).toContain("Add an invoice that already exists in QuickBooks.");
    expect(card.findAll(Button).map((b) => b.text)).toEqual(["Add existing invoice"]);
  });

  it("says what failed and tries again on request", async () => {
    const refused = () => Response.json({ error: "signature does not match" }, { status: 401 });
    const { fetchCard, urls } = replay(refused, ok("deal-list"));
    const card = renderCard(fetchCard);
    await card.waitFor(() => expect(card.find(ErrorState)).toBeTruthy());
    expect(card.find(ErrorState).props.title).toBe("Ledgerlink did not answer");
    expect(textOf(card.find(ErrorState))).toContain("HTTP 401: signature does not match");
    card.find(Button, (b) => b.text === "Try again").trigger("onClick");
    await card.waitFor(() => expect(card.findAll(StatusTag)).toHaveLength(6));
    expect(urls).toHaveLength(2);
  });

  it("refuses an answer it does not understand instead of rendering half of it", async () => {
    const { fetchCard } = replay(() => Response.json({ version: 2, invoices: "soon" }));
    const card = renderCard(fetchCard);
    await card.waitFor(() => expect(textOf(card.find(ErrorState))).toContain("unknown card format"));
  });

  it("speaks Japanese to a Japanese HubSpot user, from loading to the list", async () => {
    const { fetchCard, urls } = replay(ok("deal-list-ja"));
    const card = renderCard(fetchCard, undefined, "ja-jp");
    expect(card.find(LoadingSpinner).props.label).toBe("Ledgerlink から請求書を読み込んでいます");
    await card.waitFor(() => expect(card.findAll(StatusTag)).toHaveLength(6));
    expect(urls[0]).toContain("&locale=ja-jp");
    expect(card.findAll(TableHeader).map((h) => h.text)).toEqual([
      "請求書",
      "QuickBooks 会社",
      "金額",
      "支払期日",
      "ステータス",
    ]);
    expect(card.findAll(StatusTag).map((t) => t.text)).toContain("期限超過");
    expect(textOf(card.findAll(TableRow)[1]!)).toContain("£480.00");
    expect(card.findAll(Button).map((b) => b.text)).toEqual(["請求書を作成", "既存の請求書を追加"]);
  });

  it("words a network failure in Japanese too", async () => {
    const card = renderCard(() => Promise.reject(new Error("timeout")), undefined, "ja");
    await card.waitFor(() => expect(card.find(ErrorState)).toBeTruthy());
    expect(card.find(ErrorState).props.title).toBe("Ledgerlink から応答がありません");
    expect(textOf(card.find(ErrorState))).toContain("詳細: timeout");
    expect(card.find(Button).text).toBe("再試行");
  });

  it("tells a portal that has not connected Ledgerlink what to do", async () => {
    const { fetchCard } = replay(ok("not-connected"));
    const card = renderCard(fetchCard);
    await card.waitFor(() => expect(card.find(Alert)).toBeTruthy());
    expect(card.find(Alert).props.title).toBe("Ledgerlink is not connected to this HubSpot account");
    expect(card.maybeFind(Button)).toBeNull();
  });

  it("asks nothing on a record type it does not serve", () => {
    const { fetchCard, urls } = replay(ok("deal-list"));
    const card = renderCard(fetchCard, { objectId: 1, objectTypeId: "0-5" });
    expect(textOf(card.getRootNode())).toBe("This card works on deals, contacts and companies.");
    expect(urls).toEqual([]);
  });
});
