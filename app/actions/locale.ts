"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { LOCALE_COOKIE, pickLocale } from "@/i18n/config";
import { env } from "@/lib/env";
import { visitorUsesHttps } from "@/server/public-origin";

/** Switches the interface language and returns to the page it was chosen on (a plain form post). */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = pickLocale(String(formData.get("locale") ?? ""));
  const h = await headers();
  // `Secure` whenever the visitor is on https (behind a proxy too), like the session cookie.
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", secure: visitorUsesHttps(h, env()) });
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
