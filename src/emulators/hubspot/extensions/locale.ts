import { pickPageLocale, type PageLocale } from "../../kit/locale.ts";

/** The languages every page of the emulator speaks (English default, Japanese on request). */
export type Locale = PageLocale;

/** `?lang=` first, then Accept-Language: the one rule both emulators' pages share (kit/locale.ts). */
export const pickLocale = pickPageLocale;
