import type { cardEn } from "./card.en.ts";

/** card の日本語。キーは card.en.ts と同じ（型で保証）。 */
export const cardJa: Record<keyof typeof cardEn, string> = {};
