import type { workflowEn } from "./i18n.en.ts";

/** ワークフローアクション「QuickBooks 請求書を作成」の日本語。キーは i18n.en.ts と同じ（型で保証）。 */
export const workflowJa: Record<keyof typeof workflowEn, string> = {
  "workflow.actionName": "QuickBooks 請求書を作成",
  "workflow.actionDescription":
    "この取引とその商品項目から、Ledgerlink を通じて QuickBooks Online に請求書を作成します。",
  "workflow.actionCardContent": "QuickBooks 請求書を作成（{{send}}）",
  "workflow.input.qbo_company": "QuickBooks 会社",
  "workflow.input.terms": "支払条件",
  "workflow.input.due_in_days": "支払期日（日数）",
  "workflow.input.send": "送信するか未送信のままにするか",
  "workflow.input.message": "顧客へのメッセージ",
  "workflow.inputDescription.qbo_company": "請求書を作成する QuickBooks 会社。",
  "workflow.inputDescription.terms":
    "QuickBooks の支払条件の名前（例: Net 30）。空欄の場合は顧客または会社の既定値。",
  "workflow.inputDescription.due_in_days": "請求日から支払期日までの日数。空欄の場合は支払条件に従います。",
  "workflow.inputDescription.send":
    "送信すると QuickBooks から請求書をメールで送ります。未送信のままにすると送信待ちになります。",
  "workflow.inputDescription.message": "請求書に印刷されます。",
  "workflow.send.leave_unsent": "未送信のままにする（送信待ち）",
  "workflow.send.send": "顧客に送信する",
  "workflow.output.qbo_invoice_number": "請求書番号",
  "workflow.output.qbo_invoice_id": "QuickBooks 請求書 ID",
  "workflow.output.qbo_invoice_status": "請求書ステータス",
  "workflow.error.not_connected": "Ledgerlink はこの HubSpot アカウントに接続されていません。",
  "workflow.error.missing_company": "アクションで QuickBooks 会社を選択してください。",
  "workflow.error.unknown_company":
    "QuickBooks 会社 {detail} は Ledgerlink に接続されていません（または再接続が必要です）。",
  "workflow.error.bad_send": "「{detail}」は「送信するか未送信のままにするか」の選択肢ではありません。",
  "workflow.error.bad_due_in_days":
    "支払期日（日数）は 0〜3650 の整数で指定してください（「{detail}」は無効です）。",
  "workflow.error.bad_terms": "支払条件が 100 文字を超えています: {detail}",
  "workflow.error.bad_message":
    "メッセージが {detail} 文字あります。QuickBooks に保存できるのは 1000 文字までです。",
  "workflow.error.unknown_terms": "QuickBooks に「{detail}」という有効な支払条件はありません。",
  "workflow.error.no_customer": "取引に請求先のコンタクトまたは会社が関連付けられていません。",
  "workflow.error.ambiguous_customer":
    "取引のコンタクトに一致する QuickBooks 顧客が複数あります（{detail}）。取引のカードから請求書を作成してください。",
  "workflow.error.sync_filter":
    "コンタクトがコンタクト同期フィルターを満たしていないため、QuickBooks 顧客は作成されませんでした（{detail}）。",
  "workflow.error.no_lines": "取引に請求する商品項目がありません。",
  "workflow.error.unmapped_line":
    "商品項目「{detail}」に一致する QuickBooks の製品・サービスがありません。製品を QuickBooks のアイテムに関連付けてください。",
  "workflow.error.no_tax_code":
    "QuickBooks のアイテム「{detail}」に既定の売上税コードがありません。QuickBooks で設定してください。",
  "workflow.error.custom_numbers":
    "{detail} ではカスタム取引番号が有効です。請求書を作成するには QuickBooks で無効にしてください。",
  "workflow.error.no_email": "請求書を送信できません: {detail} にメールアドレスがありません。",
  "workflow.error.qbo_refused": "QuickBooks が請求書を拒否しました: {detail}",
  "workflow.error.hubspot_failed": "Ledgerlink は HubSpot から取引を読み取れませんでした: {detail}",
};
