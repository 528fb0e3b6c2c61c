import { getTableColumns } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { topicFor } from "@/domain/outbox-topics";
import type { Db } from "@/db/client";
import { preparedRows } from "@/db/raw";
import { complaintEvents, complaints } from "@/db/schema";
import { enqueueSql } from "./outbox";

/** What a new complaint's row is given at intake (everything else takes the column default). */
const COMPLAINT_FIELDS = [
  "trackingCode", "channel", "title", "body", "categoryId", "kecamatanId", "kelurahanId", "address", "lat", "lon",
  "incidentDate", "reporterName", "reporterPhone", "reporterEmail", "reporterNik", "anonymous", "confidential", "status",
  "suggestedOpdId", "suggestedExternalId", "accessKeyHash", "verificationDue", "verificationRiskAt", "laporId",
  "laporTrackingId", "createdAt", "updatedAt",
] as const satisfies readonly (keyof typeof complaints.$inferInsert)[];
const EVENT_FIELDS = ["at", "action", "actorUserId", "actorRole", "fromStatus", "toStatus", "channel", "data"] as const satisfies readonly (keyof typeof complaintEvents.$inferInsert)[];

/** Every field given (null where none): a fixed statement cannot fall back on column defaults. */
export type NewComplaintRow = Required<Pick<typeof complaints.$inferInsert, (typeof COMPLAINT_FIELDS)[number]>>;
export type FirstEventRow = Required<Pick<typeof complaintEvents.$inferInsert, (typeof EVENT_FIELDS)[number]>>;

type Col = { name: string; getSQLType: () => string; mapToDriverValue: (v: unknown) => unknown };

/** Column names, typed placeholders from `$first` on, and a value mapper, from the drizzle schema. */
function shape(table: PgTable, fields: readonly string[], first: number) {
  const all = getTableColumns(table) as unknown as Record<string, Col>;
  const cols = fields.map((f) => all[f]!);
  return {
    names: cols.map((c) => `"${c.name}"`).join(", "),
    // Typed explicitly: in `insert … select` an untyped parameter would be taken for text.
    placeholders: cols.map((c, i) => `$${first + i}::${c.getSQLType()}`).join(", "),
    values: (row: Record<string, unknown>) => fields.map((f, i) => (row[f] == null ? null : cols[i]!.mapToDriverValue(row[f]))),
  };
}

const C = shape(complaints, COMPLAINT_FIELDS, 1);
const E = shape(complaintEvents, EVENT_FIELDS, COMPLAINT_FIELDS.length + 1);
const LAPOR = `$${COMPLAINT_FIELDS.length + EVENT_FIELDS.length + 1}::boolean`;
const LINK_CHANNELS = `$${COMPLAINT_FIELDS.length + EVENT_FIELDS.length + 2}::text[]`;
const INSERT = `
  with c as (
    insert into complaints (${C.names}) values (${C.placeholders})
    on conflict (tracking_code) do nothing
    returning id, tracking_code, created_at
  ), e as (
    insert into complaint_events (complaint_id, ${E.names}) select id, ${E.placeholders} from c
  ), o as (
    ${enqueueSql([
      { topic: "lapor.create_complaint", from: `c where ${LAPOR}`, complaintId: "id", payload: { complaintId: "id" }, at: "created_at" },
      { topic: "duplicates.flag", from: "c", complaintId: "id", payload: { complaintId: "id" }, at: "created_at" },
      ...(["sms", "email"] as const).map((ch) => ({ topic: topicFor(ch, "reporter_link"), from: `c where '${ch}' = any(${LINK_CHANNELS})`, complaintId: "id", payload: { reason: "'receipt'::text" }, at: "created_at" })),
    ])}
  )
  select id, tracking_code from c`;

/**
 * Stores a new complaint, its first event, the outbox row that looks for the open complaint it
 * most resembles (`duplicates.flag`: the suspected duplicate the queue flags, found by the worker
 * just after this commits — jobs/duplicates.ts; inside this statement the check doubled
 * PostgreSQL's CPU per complaint), (when `laporOutbox`) the outbox row that records it in LAPOR,
 * and one row per channel of `linkChannels` that sends the reporter their private link
 * (`sms.reporter_link`, `email.reporter_link`: jobs/reporter-link.ts), in **one prepared
 * statement**: atomic by itself, one round trip, no transaction to open. Returns null when the tracking code is taken (the caller draws another), and then writes
 * nothing at all.
 */
export async function insertComplaintWithEvent(
  db: Db,
  complaint: NewComplaintRow,
  event: FirstEventRow,
  laporOutbox: boolean,
  linkChannels: readonly ("sms" | "email")[] = [],
): Promise<{ id: number; trackingCode: string } | null> {
  const params = [...C.values(complaint), ...E.values(event), laporOutbox, linkChannels];
  const [row] = await preparedRows<{ id: number | string; tracking_code: string }>(db, INSERT, params);
  return row ? { id: Number(row.id), trackingCode: row.tracking_code } : null;
}
