import type { wizardEn } from "./wizard.en.ts";

/** wizard の日本語。キーは wizard.en.ts と同じ（型で保証）。 */
export const wizardJa: Record<keyof typeof wizardEn, string> = {};
