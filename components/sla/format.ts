import "server-only";
import { TZDate } from "@date-fns/tz";
import { getFormatter, getTimeZone, getTranslations } from "next-intl/server";
import { zoneAbbreviation } from "@/domain/time-zone";

/** Number, share, duration and rating formatters for the boards, in the reader's language. */
export async function statFormat(namespace: "sla" | "stats") {
  const format = await getFormatter();
  const t = await getTranslations(namespace);
  // The region's zone (i18n/request.ts: PINTU_TIME_ZONE): a summary day is a local day there.
  const timeZone = await getTimeZone();
  const localMidnight = (isoDay: string) => {
    const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, timeZone);
  };
  const number = (n: number, digits = 0) => format.number(n, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return {
    /** The zone's name (WIB, WITA, WIT) for messages that state it. */
    zone: zoneAbbreviation(timeZone),
    number,
    rate: (r: number | null) => (r === null ? t("none") : format.number(r, { style: "percent", maximumFractionDigits: 1 })),
    hours: (h: number | null) => {
      if (h === null) return t("none");
      return h < 48 ? t("hours", { n: number(h, h < 10 ? 1 : 0) }) : t("days", { n: number(h / 24, 1) });
    },
    rating: (sum: number, count: number) => (count === 0 ? t("none") : t("ratingValue", { mean: number(sum / count, 1), count: number(count) })),
    month: (isoDay: string) => format.dateTime(localMidnight(isoDay), { month: "short", year: "2-digit", timeZone }),
    monthLong: (isoDay: string) => format.dateTime(localMidnight(isoDay), { month: "long", year: "numeric", timeZone }),
    day: (isoDay: string) => format.dateTime(localMidnight(isoDay), { dateStyle: "medium", timeZone }),
    dateTime: (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone }),
  };
}
export type StatFormat = Awaited<ReturnType<typeof statFormat>>;
