/** English strings of the wizard pages (merged into en.ts; ja counterpart in wizard.ja.ts). */
export const wizardEn = {} as const;
