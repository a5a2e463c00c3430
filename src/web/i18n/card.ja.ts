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
  "addInvoice.title": "既存の請求書を追加",
  "addInvoice.intro":
    "レコードに自動的に表示されるのは、Ledgerlink で作成した請求書だけです。QuickBooks で作成した請求書を検索して、このレコードに追加します。",
  "addInvoice.company": "QuickBooksアカウント",
  "addInvoice.pickCompany": "検索する QuickBooks 会社を選択してください",
  "addInvoice.unavailable": "{name} は再接続が必要です",
  "addInvoice.noCompany":
    "この HubSpot アカウントには QuickBooks 会社が接続されていません。先に Ledgerlink で接続してください。",
  "addInvoice.continue": "次へ",
  "addInvoice.number": "請求書番号",
  "addInvoice.customer": "顧客",
  "addInvoice.amount": "金額",
  "addInvoice.from": "請求日（開始）",
  "addInvoice.to": "（終了）",
  "addInvoice.status": "ステータス",
  "addInvoice.anyStatus": "すべてのステータス",
  "addInvoice.search": "検索",
  "addInvoice.results": "見つかった請求書",
  "addInvoice.none": "この条件に一致する請求書はありません。",
  "addInvoice.limit": "最初の {count} 件を表示しています。他の請求書を見るには条件を絞り込んでください。",
  "addInvoice.date": "請求日",
  "addInvoice.dueDate": "支払期日",
  "addInvoice.select": "請求書 {number} を選択",
  "addInvoice.already": "追加済み",
  "addInvoice.add": "追加",
  "addInvoice.added": "{count} 件の請求書をこのレコードに追加しました。",
  "addInvoice.done": "完了",
  "addInvoice.error.noneTicked": "追加する請求書を 1 つ以上選択してください。",
  "addInvoice.error.company": "その QuickBooks 会社はこの HubSpot アカウントに接続されていません。",
  "addInvoice.error.amount": "金額は 1250.00 のような数値で入力してください。",
  "addInvoice.error.date":
    "日付は実在する日付（YYYY-MM-DD）で入力し、開始日を終了日より後にしないでください。",
  "addInvoice.error.number": "請求書番号は 21 文字以内です。",
  "addInvoice.error.customer": "顧客名は 100 文字以内です。",
  "addInvoice.error.status": "ステータスは一覧から選択してください。",
  "addInvoice.error.invoice": "選択した請求書は QuickBooks に存在しなくなりました。",
  "addInvoice.error.qbo": "QuickBooks が検索に応答しませんでした: {reason}",
};
