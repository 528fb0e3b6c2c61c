import { bigint, bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { complaints, users } from "./schema";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** What became of an inbound SMS. */
export const SMS_KINDS = [
  /** created a complaint */
  "complaint",
  /** the same text from the same number as an open complaint of the last 24 hours */
  "linked",
  /** `<REGION> CEK <code>` */
  "status",
  /** `<REGION> <code> <text>` from the complaint's own number: the reporter's reply, recorded */
  "reply",
  /** `<REGION> <code> …` that was not recorded: unknown code, another number, not awaiting an answer, no text */
  "reply_refused",
  /** only the prefix */
  "prefix_only",
  /** the prefix, but a text intake refused (too short, too long): kept for the coordinator */
  "invalid",
  /** no prefix: kept for the coordinator */
  "unparsed",
] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

/**
 * Every inbound SMS that was accepted (a refused one — wrong key, over the sender's hourly limit —
 * is not stored), with the reply it got: a repeated gateway id is answered with the same reply
 * and never stored twice. Unparsed and invalid messages form the coordinator's SMS inbox until
 * someone turns them into a complaint or sets them aside.
 */
export const smsMessages = pgTable(
  "sms_messages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The gateway's message id (Kannel `%I`): unique, so a redelivery is never stored twice. */
    gatewayId: text("gateway_id").unique(),
    /** The sender in E.164 when it is an Indonesian number, else as the gateway gave it. */
    sender: text("sender").notNull(),
    /** The shortcode it was sent to. */
    recipient: text("recipient"),
    text: text("text").notNull(),
    kind: text("kind", { enum: SMS_KINDS }).notNull(),
    complaintId: bigint("complaint_id", { mode: "number" }).references(() => complaints.id),
    reply: text("reply").notNull(),
    receivedAt: tstz("received_at").notNull().defaultNow(),
    /** Set when a coordinator handled an inbox message. */
    resolvedAt: tstz("resolved_at"),
    resolvedBy: integer("resolved_by").references(() => users.id),
    resolution: text("resolution", { enum: ["converted", "dismissed"] }),
  },
  (t) => [index("sms_messages_inbox_idx").on(t.kind, t.resolvedAt, t.receivedAt)],
);
