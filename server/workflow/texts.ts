import { createTranslator } from "next-intl";
import id from "@/messages/id.json";

/**
 * Texts the workflow itself writes into what the reporter reads (e.g. the expected day under a
 * progress update). The reporter's language is unknown, so they are in Bahasa Indonesia.
 */
export const flowText = createTranslator({ locale: "id", messages: id, namespace: "flow.written" });

/** A day (YYYY-MM-DD) as "12 Desember 2026". */
export function longDay(day: string): string {
  return new Intl.DateTimeFormat("id-ID", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}
