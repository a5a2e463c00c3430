import { activityJa } from "../../features/activity/i18n.ja.ts";
import { overviewJa } from "../../features/overview/i18n.ja.ts";
import { connectionsJa } from "../../features/connections/i18n.ja.ts";
import { appCardJa } from "../../features/invoices/i18n/app-card.ja.ts";
import { cardJa } from "../../features/invoices/i18n/card.ja.ts";
import { workflowJa } from "../../features/workflow-action/i18n.ja.ts";
import type { Messages } from "./en.ts";
import { initialJa } from "../../features/record-sync/i18n.ja.ts";
import { mappingsJa } from "../../features/settings/i18n/mappings.ja.ts";
import { syncJa } from "../../features/settings/i18n/sync.ja.ts";
import { wizardJa } from "../../features/invoices/i18n/wizard.ja.ts";
import { reportsJa } from "../../features/reports/i18n.ja.ts";
import { automationsJa } from "../../features/automations/i18n.ja.ts";
import { timeTravelJa } from "../../features/time-travel/i18n.ja.ts";
import { healthJa } from "../../features/health/i18n.ja.ts";

/** 日本語。キーは en.ts と同じでなければならない（型で保証）。 */
export const ja: Messages = {
  "app.name": "Ledgerlink",
  "app.tagline": "HubSpot ⇄ QuickBooks Online を、あなた自身のマシンで",
  "nav.home": "ホーム",
  "nav.main": "メイン",
  "nav.connections": "接続",
  "nav.invoices": "請求書",
  "nav.sync": "同期",
  "nav.mappings": "フィールドマッピング",
  "nav.reports": "レポート",
  "nav.activity": "アクティビティー",
  "nav.language": "言語",
  "lang.en": "English",
  "lang.ja": "日本語",
  "notYet.title": "{page}はまだ利用できません",
  "notYet.body":
    "Ledgerlink のこの部分はまだ作られていません。ここに模擬データは表示しません。完成すると実際のデータが表示されます。",
  "notYet.sync": "コンタクト、製品、請求書の同期設定は、同期機能とともに提供されます。",
  "notYet.mappings": "フィールドマッピングは、同期機能とともに提供されます。",
  "notYet.reports": "売上と売掛金のレポートは、レポート機能とともに提供されます。",
  "error.notFound.title": "ページが見つかりません",
  "error.notFound.body": "このアドレスにはページがありません。",
  "error.csrf":
    "このフォームは有効期限が切れているか、Ledgerlink から送信されたものではありません。ページを再読み込みしてもう一度お試しください。",
  "error.internal": "内部でエラーが発生しました。リクエスト ID {id} で記録されています。",
  "footer.requestId": "リクエスト ID",
  "embed.invalid":
    "このリンクは無効です。このウィンドウを閉じ、HubSpot のレコードからもう一度開いてください。",
  "embed.expired":
    "このリンクの有効期限が切れました。このウィンドウを閉じ、HubSpot のレコードからもう一度開いてください。",
  ...cardJa,
  ...wizardJa,
  ...syncJa,
  ...mappingsJa,
  ...initialJa,
  ...appCardJa,
  ...reportsJa,
  ...automationsJa,
  ...timeTravelJa,
  ...healthJa,
  ...workflowJa,
  ...activityJa,
  ...overviewJa,
  ...connectionsJa,
};
