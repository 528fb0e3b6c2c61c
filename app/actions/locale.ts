"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { LOCALE_COOKIE, pickLocale } from "@/i18n/config";

/** Switches the interface language and returns to the page it was chosen on (a plain form post). */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = pickLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  const h = await headers();
  let back = "/";
  try {
    const ref = new URL(h.get("referer") ?? "");
    // Only back to this site: never an open redirect.
    if (ref.host === h.get("host")) back = `${ref.pathname}${ref.search}`;
  } catch {
    // No or malformed referer: go home.
  }
  redirect(back);
}
