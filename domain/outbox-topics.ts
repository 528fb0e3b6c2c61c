import { z } from "zod";

/**
 * Every outbox topic, once: its payload (zod) and its dedupe key. The only way to queue work is
 * `enqueue` (db/queries/outbox.ts), which checks the payload against this table and derives the
 * key from it; the intake's single SQL statement builds its outbox rows from the same table
 * (`keySql`), and the worker parses each payload with it before the topic's handler
 * (queue/registry.ts `defineTopic`, typed by the topic's name). A test checks that every topic
 * here has a handler and every handler a topic here.
 */

/** What a reporter is told about (jobs/notify-reporter.ts). */
const NOTIFY_EVENTS = ["disposed", "forwarded", "info_requested", "progress", "responded", "closed", "message"] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

const id = z.number().int().positive();
const notification = z.object({ event: z.enum(NOTIFY_EVENTS), eventId: id, sourceComplaintId: id.optional(), message: z.string().max(5000).optional() });
const link = z.object({ reason: z.enum(["receipt", "request", "staff"]) });
const code = z.object({ challengeId: z.string().min(1).max(100) });

const PAYLOADS = {
  "lapor.create_complaint": z.object({ complaintId: id }),
  "lapor.followup": z.object({ eventId: id }),
  "lapor.forward": z.object({ externalCode: z.string().min(1), eventId: id }),
  "notify.reporter": notification,
  "sms.notify": notification,
  "email.notify": notification,
  "sms.reporter_link": link,
  "email.reporter_link": link,
  "sms.reporter_code": code,
  "email.reporter_code": code,
  "notify.staff": z.object({ notificationId: id, actorUserId: id.nullable().optional() }),
  "email.staff": z.object({ notificationId: id, userId: id }),
  "email.staff_digest": z.object({ userId: id, day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), until: z.string().min(1) }),
  "duplicates.flag": z.object({ complaintId: id }),
} as const;

export type TopicName = keyof typeof PAYLOADS;
export type TopicPayload<T extends TopicName> = z.output<(typeof PAYLOADS)[T]>;

/** A payload's fields as SQL expressions (for the statements that queue rows in SQL: db/queries/outbox.ts `enqueueSql`). */
export type SqlFields<P> = { [K in keyof P]: string };

type Topic<P> = {
  payload: z.ZodType<P>;
  /** The row's dedupe key (null: none; a row is queued every time). */
  key: (complaintId: number, payload: P) => string | null;
  /** The same key as SQL text over a complaint id expression and the payload's field expressions (for topics queued in SQL). */
  keySql?: (complaintIdSql: string, payload: SqlFields<P>) => string;
};

export const TOPICS: { [T in TopicName]: Topic<TopicPayload<T>> } = {
  "lapor.create_complaint": {
    payload: PAYLOADS["lapor.create_complaint"],
    key: (c) => `lapor.create_complaint:${c}`,
    keySql: (c) => `'lapor.create_complaint:' || (${c})::text`,
  },
  "lapor.followup": { payload: PAYLOADS["lapor.followup"], key: (_c, p) => `lapor.followup:${p.eventId}` },
  "lapor.forward": { payload: PAYLOADS["lapor.forward"], key: (_c, p) => `lapor.forward:${p.eventId}` },
  "notify.reporter": { payload: notification, key: (_c, p) => `notify.reporter:${p.eventId}` },
  "sms.notify": { payload: notification, key: (c, p) => `sms.notify:${p.eventId}:${c}` },
  "email.notify": { payload: notification, key: (c, p) => `email.notify:${p.eventId}:${c}` },
  "sms.reporter_link": {
    payload: link,
    key: (c, p) => (p.reason === "receipt" ? `sms.reporter_link:receipt:${c}` : null),
    keySql: (c, p) => `case when ${p.reason} = 'receipt' then 'sms.reporter_link:receipt:' || (${c})::text end`,
  },
  "email.reporter_link": {
    payload: link,
    key: (c, p) => (p.reason === "receipt" ? `email.reporter_link:receipt:${c}` : null),
    keySql: (c, p) => `case when ${p.reason} = 'receipt' then 'email.reporter_link:receipt:' || (${c})::text end`,
  },
  "sms.reporter_code": { payload: code, key: () => null },
  "email.reporter_code": { payload: code, key: () => null },
  "notify.staff": {
    payload: PAYLOADS["notify.staff"],
    key: (_c, p) => `notify.staff:${p.notificationId}`,
    keySql: (_c, p) => `'notify.staff:' || (${p.notificationId})::text`,
  },
  "email.staff": { payload: PAYLOADS["email.staff"], key: (_c, p) => `email.staff:${p.notificationId}:${p.userId}` },
  "email.staff_digest": { payload: PAYLOADS["email.staff_digest"], key: (_c, p) => `email.staff_digest:${p.userId}:${p.day}` },
  // Queued by the intake statement with every new complaint (jobs/duplicates.ts).
  "duplicates.flag": {
    payload: PAYLOADS["duplicates.flag"],
    key: (c) => `duplicates.flag:${c}`,
    keySql: (c) => `'duplicates.flag:' || (${c})::text`,
  },
};

export const TOPIC_NAMES = Object.keys(TOPICS) as TopicName[];

/** The topics that deliver to LAPOR, and what each asks of it (`lapor.followup` → `followup`). */
type LaporTopic = Extract<TopicName, `lapor.${string}`>;
export type LaporTask = LaporTopic extends `lapor.${infer K}` ? K : never;

/** What an outbox topic asks LAPOR to do (entered by hand in manual mode); null for topics that are not LAPOR's. */
export function laporTask(topic: string): LaporTask | null {
  return topic.startsWith("lapor.") && topic in TOPICS ? (topic.slice("lapor.".length) as LaporTask) : null;
}

/** The outbound channels to a reporter, and what each carries: `sms.notify`, `email.reporter_link`, … */
type ReporterChannel = "sms" | "email";
type ReporterTopicKind = "notify" | "reporter_link" | "reporter_code";
type ReporterTopic<K extends ReporterTopicKind> = `${ReporterChannel}.${K}`;
// Every channel carries every kind: a missing topic fails to compile here.
const _everyReporterTopic: TopicName = "" as ReporterTopic<ReporterTopicKind>;
void _everyReporterTopic;

/** The topic of one kind of message to a reporter on one channel. */
export function topicFor<K extends ReporterTopicKind>(channel: ReporterChannel, kind: K): ReporterTopic<K> {
  return `${channel}.${kind}`;
}

/**
 * One outbox row's topic, checked payload and dedupe key. Throws (zod) when the payload does not
 * fit the topic: a programming error, caught by the tests of whatever queued it.
 */
export function outboxRow<T extends TopicName>(topic: T, complaintId: number | null, payload: unknown): { topic: T; payload: TopicPayload<T>; dedupeKey: string | null } {
  const def: Topic<TopicPayload<T>> = TOPICS[topic];
  const parsed = def.payload.parse(payload);
  return { topic, payload: parsed, dedupeKey: def.key(complaintId ?? 0, parsed) };
}

/**
 * A stored row's payload read through its topic's schema, for screens that show queued work (the
 * LAPOR manual backlog and export): the typed payload, or null when the topic is unknown or the
 * payload does not fit it (such a row is the worker's dead letter, not the screen's to guess at).
 */
export function storedPayload(topic: string, payload: unknown): { [T in TopicName]: { topic: T; payload: TopicPayload<T> } }[TopicName] | null {
  if (!(topic in TOPICS)) return null;
  const parsed = TOPICS[topic as TopicName].payload.safeParse(payload);
  return parsed.success ? ({ topic, payload: parsed.data } as { [T in TopicName]: { topic: T; payload: TopicPayload<T> } }[TopicName]) : null;
}

/** The event a stored row is about (`eventId` of its payload), if its topic carries one. */
export function storedEventId(topic: string, payload: unknown): number | null {
  const p = storedPayload(topic, payload)?.payload;
  return p && "eventId" in p ? p.eventId : null;
}
