export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
const DEFAULT_LOCALE: Locale = "id";
export const LOCALE_COOKIE = "pintu_locale";

/** The supported locale named by a cookie or header value, else the default (Bahasa Indonesia). */
export function pickLocale(value: string | null | undefined): Locale {
  const v = value?.toLowerCase().slice(0, 2);
  return (LOCALES as readonly string[]).includes(v ?? "") ? (v as Locale) : DEFAULT_LOCALE;
}
