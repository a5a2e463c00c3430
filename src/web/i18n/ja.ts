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

/** 日本語。キーは en.ts と同じでなければならない（型で保証）。 */
export const ja: Messages = {
  "app.name": "Ledgerlink",
  "app.tagline": "HubSpot ⇄ QuickBooks Online を、あなた自身のマシンで",
  "nav.home": "ホーム",
  "nav.connections": "接続",
  "nav.invoices": "請求書",
  "nav.sync": "同期",
  "nav.mappings": "フィールドマッピング",
  "nav.reports": "レポート",
  "nav.activity": "アクティビティー",
  "nav.language": "言語",
  "lang.en": "English",
  "lang.ja": "日本語",
  "home.title": "概要",
  "home.installation": "このインストール",
  "home.installedAt": "稼働開始",
  "home.database": "データベース",
  "home.database.pglite": "組み込み PostgreSQL（PGlite）: {dir}",
  "home.database.postgres": "PostgreSQL サーバー",
  "home.migrations": "データベースのマイグレーション",
  "home.migrations.current": "最新（{count} 件適用済み）",
  "home.migrations.pending": "{count} 件が未適用です。ledgerlink migrate を実行してください",
  "home.workers": "ワーカー",
  "home.workers.none": "過去 2 分間に応答したワーカーはありません。ledgerlink worker で起動してください。",
  "home.workers.row": "{host}（pid {pid}）、最終応答 {seen}、処理済みジョブ {jobs} 件",
  "home.queue": "待機中のジョブ",
  "home.queue.empty": "待機中のジョブはありません",
  "home.next": "次のステップ",
  "home.next.body":
    "「接続」ページが利用可能になったら HubSpot と QuickBooks Online を接続してください。その後、請求書、同期、レポートが使えるようになります。",
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
  "activity.title": "アクティビティー",
  "activity.intro":
    "Ledgerlink が処理したすべてのイベント、その判断、実行した API 呼び出し、結果を表示します。",
  "activity.filter.object": "オブジェクト",
  "activity.filter.outcome": "結果",
  "activity.filter.since": "期間",
  "activity.filter.any": "すべて",
  "activity.filter.apply": "絞り込む",
  "activity.since.hour": "過去 1 時間",
  "activity.since.day": "過去 24 時間",
  "activity.since.week": "過去 7 日間",
  "activity.outcome.ok": "成功",
  "activity.outcome.failed": "失敗",
  "activity.outcome.skipped": "スキップ",
  "activity.empty": "この条件に該当するアクティビティーはまだありません。",
  "activity.col.when": "日時",
  "activity.col.object": "オブジェクト",
  "activity.col.trigger": "きっかけ",
  "activity.col.decision": "判断",
  "activity.col.outcome": "結果",
  "activity.col.calls": "API 呼び出し",
  "activity.retry": "再試行",
  "activity.retried": "再度キューに入れました。結果は新しいエントリーとしてここに表示されます。",
  "activity.notRetryable": "このエントリーは再試行できません。",
  "activity.badFilter": "絞り込み条件が正しくありません: {reason}",
  "signin.title": "サインイン",
  "signin.body":
    "Ledgerlink は HubSpot アカウントの中で動作します。HubSpot でサインインして接続し、ポータルのデータを表示してください。",
  "signin.button": "HubSpot でサインイン",
  "signin.notConfigured":
    "HubSpot アプリが設定されていません（HUBSPOT_CLIENT_ID、HUBSPOT_CLIENT_SECRET、HUBSPOT_APP_ID）。詳しくは ledgerlink doctor を実行してください。",
  "signin.signedInAs": "{email} としてサインイン中（ポータル {portal}）",
  "signin.signout": "サインアウト",
  "oauth.failed.title": "接続できませんでした",
  "oauth.failed.state":
    "このサインインリンクは期限切れか、すでに使用されています。最初からやり直してください。",
  "oauth.failed.denied": "アクセスが許可されませんでした（{reason}）。何も変更されていません。",
  "oauth.failed.vendor": "{vendor} が接続を拒否しました: {reason}。何も変更されていません。",
  "oauth.failed.missing": "{vendor} からの応答が不完全です（{field} がありません）。何も変更されていません。",
  "oauth.failed.otherPortal":
    "この QuickBooks 接続は別の HubSpot ポータルで開始されました。そのポータルにサインインしてやり直してください。",
  "oauth.again": "やり直す",
  "connections.title": "接続",
  "connections.hubspot": "HubSpot",
  "connections.hubspot.portal": "ポータル {portal}、会社の通貨 {currency}、タイムゾーン {tz}",
  "connections.qbo": "QuickBooks Online の会社",
  "connections.qbo.none": "QuickBooks の会社はまだ接続されていません。",
  "connections.qbo.connect": "QuickBooks の会社を接続",
  "connections.qbo.notConfigured":
    "Intuit アプリが設定されていません（INTUIT_CLIENT_ID、INTUIT_CLIENT_SECRET）。詳しくは ledgerlink doctor を実行してください。",
  "connections.qbo.row": "{name} · realm {realm} · {country} · {currency}",
  "connections.qbo.multiCurrency": "複数通貨: オン",
  "connections.qbo.customNumbers":
    "カスタム取引番号がオンになっています。QuickBooks でオフにするまで請求書は作成できません。",
  "connections.qbo.disconnect": "接続を解除",
  "connections.status.active": "接続済み",
  "connections.status.needs_reconnect": "再接続が必要",
  "connections.reconnect": "再接続",
  "connections.banner.reconnect":
    "{name} の再接続が必要です。Ledgerlink はアクセスできなくなったため、同期を停止しました。",
  "connections.disconnected": "{name} の接続を解除し、トークンを削除しました。",
  "connections.notFound": "このポータルにそのような接続はありません。",
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
  ...workflowJa,
};
