import type { overviewEn } from "./i18n.en.ts";

/** 概要ページの日本語。 */
export const overviewJa: Record<keyof typeof overviewEn, string> = {
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
};
