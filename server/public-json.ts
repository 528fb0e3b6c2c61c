import "server-only";
import type { Locale } from "@/i18n/config";
import id from "@/messages/id.json";
import { apiTranslator } from "./api-messages";
import type { PublicComplaint, TimelineEntry } from "./public-complaint";
import { isoInZone } from "./time";

type T = ReturnType<typeof apiTranslator>;
/** The actions the timeline has a sentence for (`t` below accepts only keys both catalogues have). */
type TimelineKey = keyof (typeof id)["timeline"];

/** The sentence a timeline entry shows, in the reader's language, followed by any public text. */
export function timelineMessage(t: T, e: Omit<TimelineEntry, "id">): string {
  // The reporter's acceptance and the automatic close both end the complaint: "Aduan selesai."
  const action = e.action === "accept_response" || e.action === "auto_close" ? "close" : e.action;
  const key: TimelineKey = Object.hasOwn(id.timeline, action) ? (action as TimelineKey) : "other";
  const channel = e.channel ? t(`channel.${e.channel}`) : "";
  const base = t(`timeline.${key}`, { channel, target: e.target ?? "" });
  return e.message ? `${base} ${e.message}` : base;
}

/** The complaint as `GET /api/v1/complaints/<code>` returns it (CONTRACTS.md). */
export function publicComplaintJson(view: PublicComplaint, locale: Locale, timeZone: string) {
  if (!view.full) return { trackingCode: view.trackingCode, status: view.status };
  const t = apiTranslator(locale);
  const f = view.full;
  const iso = (d: Date | null) => (d ? isoInZone(d, timeZone) : null);
  return {
    trackingCode: view.trackingCode,
    status: view.status,
    channel: f.channel,
    title: f.title,
    body: f.body,
    category: f.category,
    opd: f.opd,
    area: f.area,
    createdAt: iso(f.createdAt),
    deadlines: { verification: iso(f.deadlines.verification), firstResponse: iso(f.deadlines.firstResponse), resolution: iso(f.deadlines.resolution) },
    timeline: f.timeline.map((e) => ({ at: iso(e.at), status: e.status, message: timelineMessage(t, e) })),
  };
}
