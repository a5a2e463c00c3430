import type { cardEn } from "./card.en.ts";

/** カード、iframe ページ、請求書ページの日本語。キーは card.en.ts と同じ（型で保証）。 */
export const cardJa: Record<keyof typeof cardEn, string> = {
  "card.company": "QuickBooks 会社",
  "card.amount": "金額",
  "card.dueDate": "支払期日",
  "card.status": "ステータス",
  "card.status.awaiting_send": "送信待ち",
  "card.status.sent": "顧客に送信済み",
  "card.status.partially_paid": "一部支払い済み",
  "card.status.paid": "全額支払い済み",
  "card.status.overdue": "期限超過",
  "card.status.voided": "無効",
  "card.createInvoice": "請求書を作成",
  "card.addExisting": "既存の請求書を追加",
  "card.itemLabel": "請求書",
  "card.notConnected": "Ledgerlink はこの HubSpot アカウントに接続されていません",
  "card.notConnected.body": "Ledgerlink を開き、HubSpot でサインインして接続してください。",
};
