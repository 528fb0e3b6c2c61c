import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";

/** Number, share, duration and rating formatters for the boards, in the reader's language. */
export async function statFormat(namespace: "sla" | "stats") {
  const format = await getFormatter();
  const t = await getTranslations(namespace);
  const number = (n: number, digits = 0) => format.number(n, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  return {
    number,
    rate: (r: number | null) => (r === null ? t("none") : format.number(r, { style: "percent", maximumFractionDigits: 1 })),
    hours: (h: number | null) => {
      if (h === null) return t("none");
      return h < 48 ? t("hours", { n: number(h, h < 10 ? 1 : 0) }) : t("days", { n: number(h / 24, 1) });
    },
    rating: (sum: number, count: number) => (count === 0 ? t("none") : t("ratingValue", { mean: number(sum / count, 1), count: number(count) })),
    month: (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00+07:00`), { month: "short", year: "2-digit", timeZone: "Asia/Jakarta" }),
    monthLong: (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00+07:00`), { month: "long", year: "numeric", timeZone: "Asia/Jakarta" }),
    day: (isoDay: string) => format.dateTime(new Date(`${isoDay}T00:00:00+07:00`), { dateStyle: "medium", timeZone: "Asia/Jakarta" }),
    dateTime: (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Jakarta" }),
  };
}
export type StatFormat = Awaited<ReturnType<typeof statFormat>>;
