import type { appCardEn } from "./app-card.en.ts";

/** HubSpot アプリカードの日本語。キーは app-card.en.ts と同じ（型で保証）。 */
export const appCardJa: Record<keyof typeof appCardEn, string> = {
  "appCard.number": "請求書",
  "appCard.preview": "プレビュー",
  "appCard.empty.title": "このレコードにはまだ請求書がありません",
  "appCard.empty.deal": "この取引から請求書を作成するか、QuickBooks にある請求書を追加してください。",
  "appCard.empty.other": "QuickBooks にある請求書を追加してください。",
};
