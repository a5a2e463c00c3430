import type { activityEn } from "./i18n.en.ts";

/** アクティビティページ（同期の記録）の日本語。 */
export const activityJa: Record<keyof typeof activityEn, string> = {
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
  "activity.csv": "CSV をダウンロード",
  "activity.csv.objectId": "オブジェクト ID",
  "activity.csv.error": "エラー",
};
