import type { healthEn } from "./i18n.en.ts";

/** 接続の状態（バナー、カードの行、通知）の日本語。 */
export const healthJa: Record<keyof typeof healthEn, string> = {
  "health.banner.label": "接続の状態",
  "health.reconnect.hubspot":
    "HubSpot ポータル {name} に接続できなくなりました。アクセスが取り消されたか期限切れです。再接続するまで同期は止まっています。",
  "health.reconnect.qbo":
    "QuickBooks の会社 {name} に接続できなくなりました。アクセスが取り消されたか期限切れです。再接続するまでこの会社との同期は止まっています。",
  "health.failing.one": "{name} との {object} の直近の同期が失敗しました。",
  "health.failing.other":
    "{name} との {object} の同期が直近 {count} 回続けて失敗し、その後成功していません。",
  "health.action.reconnect": "再接続",
  "health.action.activity": "失敗の内容を見る",
  "health.card.title": "対応が必要です",
  "health.notice.subject": "Ledgerlink: 対応が必要です",
  "health.notice.footer":
    "通知は問題ごとに 1 回だけです。解決するまで Ledgerlink の各ページに表示されます: {url}",
};
