import "server-only";
import type { Db } from "@/db/client";
import { enqueueMany } from "@/db/queries/outbox";
import { maskEmail, maskPhone } from "@/domain/contact";
import { topicFor } from "@/domain/outbox-topics";
import { enforceRateLimit } from "./rate-limit";

export type ReporterContacts = { id: number; trackingCode: string; phone: string | null; email: string | null };

/** The channels a complaint's reporter can be sent their link on. */
function linkChannels(c: { phone: string | null; email: string | null }, only?: "sms" | "email"): ("sms" | "email")[] {
  return (["sms", "email"] as const).filter((ch) => (ch === "sms" ? c.phone : c.email) && (!only || only === ch));
}

/** The reporter's contacts as shown back to them, masked. */
export function maskedContacts(c: { phone: string | null; email: string | null }): { phone: string | null; email: string | null } {
  return { phone: c.phone ? maskPhone(c.phone) : null, email: c.email ? maskEmail(c.email) : null };
}

/** Sends of a link per complaint and hour, whoever asks (the reporter from the receipt, staff from the slip). */
const LINK_SENDS_PER_HOUR = 3;

/**
 * Queues the reporter's code and a new private link to their contacts (the worker mints the
 * link when it sends: jobs/reporter-link.ts). Limited per complaint; throws the 429 AppError past it.
 */
export async function queueReporterLink(db: Db, c: ReporterContacts, reason: "request" | "staff", now: Date, only?: "sms" | "email"): Promise<("sms" | "email")[]> {
  const channels = linkChannels(c, only);
  if (channels.length === 0) return [];
  await enforceRateLimit(db, `reporter-link:${c.id}`, LINK_SENDS_PER_HOUR, now, 3600);
  await enqueueMany(db, channels.map((ch) => ({ topic: topicFor(ch, "reporter_link"), complaintId: c.id, payload: { reason } })), now);
  return channels;
}
