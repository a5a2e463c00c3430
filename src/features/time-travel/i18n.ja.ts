import type { timeTravelEn } from "./i18n.en.ts";

/** デモのタイムトラベル（バナーとルート）の日本語。 */
export const timeTravelJa: Record<keyof typeof timeTravelEn, string> = {
  "demo.banner.label": "デモ",
  "demo.banner.now": "デモの日時: {date}",
  "demo.banner.travel": "時間を進める：",
  "demo.banner.hint":
    "両方のエミュレーターと Ledgerlink の時刻を一緒に進めます。期限切れの請求書、オートメーション、レポートは数秒で反映されます。",
  "demo.travel.days.one": "1日",
  "demo.travel.days.other": "{count}日",
  "demo.travel.weeks.one": "1週間",
  "demo.travel.invalid.title": "タイムトラベルできません",
  "demo.travel.invalid": "進める期間を選んでください（1日、1週間、30日、40日）。時刻は変わっていません。",
  "demo.travel.back": "Ledgerlink に戻る",
};
