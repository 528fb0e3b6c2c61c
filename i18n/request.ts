import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { env } from "@/lib/env";
import { LOCALE_COOKIE, pickLocale } from "./config";

export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    // Dates and times on every page are shown in the region's zone (WIB, WITA or WIT).
    timeZone: env().PINTU_TIME_ZONE,
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
