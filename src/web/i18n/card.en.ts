/** English strings of the card pages (merged into en.ts; ja counterpart in card.ja.ts). */
export const cardEn = {} as const;
