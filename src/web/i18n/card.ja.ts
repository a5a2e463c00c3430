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
  "invoiceError.validation":
    "QuickBooks が請求書を受け付けませんでした。一部の内容が QuickBooks で有効ではありません。",
  "invoiceError.closed_period":
    "QuickBooks が請求書を受け付けませんでした。請求日が締められた会計期間内にあります。より後の請求日を選ぶか、会計担当者に期間の再開を依頼してください。",
  "invoiceError.inactive":
    "QuickBooks が請求書を受け付けませんでした。顧客、製品、または税コードが QuickBooks で無効化または削除されています。別のものを選んでください。",
  "invoiceError.duplicate":
    "同じ名前または番号のものが既に存在するため、QuickBooks が請求書を受け付けませんでした。",
  "invoiceError.custom_numbers":
    "QuickBooks でカスタムトランザクション番号がオンになっているため、Ledgerlink は請求書を作成できません。QuickBooks でこの設定をオフにしてから、もう一度お試しください。",
  "invoiceError.incomplete":
    "請求書に必要な情報が不足しています（{detail}）。各ステップに戻って入力してください。",
  "invoiceError.reconnect":
    "Ledgerlink はこの QuickBooks 会社にアクセスできなくなりました。[接続] ページで再接続してから、もう一度お試しください。",
  "invoiceError.other": "QuickBooks で請求書が作成されませんでした。しばらくしてからもう一度お試しください。",
  "invoiceError.detail": "QuickBooks からのメッセージ: {detail}",
};
