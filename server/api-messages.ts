import "server-only";
import { createTranslator } from "next-intl";
import type { FieldErrors } from "@/domain/complaint-input";
import { pickLocale, type Locale } from "@/i18n/config";
import { translateError } from "@/i18n/translate-error";
import en from "@/messages/en.json";
import id from "@/messages/id.json";

const catalogues = { id, en } as const;

/** The API's language: the first supported one in Accept-Language, else Bahasa Indonesia. */
export function apiLocale(acceptLanguage: string | null): Locale {
  const first = acceptLanguage?.split(",").map((s) => s.trim().split(";")[0]).find((l) => l && pickLocale(l) === l.slice(0, 2).toLowerCase());
  return pickLocale(first);
}

export function apiTranslator(locale: Locale) {
  return createTranslator({ locale, messages: catalogues[locale] });
}

/** Field errors as readable sentences in the caller's language. */
export function translateFieldErrors(fieldErrors: FieldErrors, locale: Locale): FieldErrors {
  // Field-error keys arrive as data (`tooShort|5`), so this translator takes any key of `errors`
  // (translateError falls back to `invalid` for one the catalogue lacks).
  const errors: Record<string, string> = catalogues[locale].errors;
  const t = createTranslator({ locale, messages: { errors }, namespace: "errors" });
  const out: FieldErrors = {};
  for (const [field, keys] of Object.entries(fieldErrors)) out[field] = keys.map((k) => translateError(t, k));
  return out;
}
