import { getTableColumns, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { complaintEvents, complaints, outbox } from "../schema";
import { rowsOf } from "./sla-facts";

/** The column list and the values of one row of `table`, with drizzle's own mapping and type of each value. */
function valuesOf<T extends PgTable>(table: T, row: Partial<T["$inferInsert"]>): { columns: SQL; values: SQL } {
  const cols = getTableColumns(table) as Record<string, { name: string; mapToDriverValue: (v: unknown) => unknown; getSQLType: () => string }>;
  const names: SQL[] = [];
  const values: SQL[] = [];
  for (const [key, value] of Object.entries(row)) {
    const col = cols[key];
    if (value === undefined || !col) continue;
    names.push(sql`${sql.identifier(col.name)}`);
    // Typed explicitly: in `insert … select` an untyped parameter would be taken for text.
    values.push(sql`${value === null ? null : col.mapToDriverValue(value)}::${sql.raw(col.getSQLType())}`);
  }
  return { columns: sql.join(names, sql`, `), values: sql.join(values, sql`, `) };
}

export type NewComplaintRow = Omit<typeof complaints.$inferInsert, "id">;
export type FirstEventRow = Omit<typeof complaintEvents.$inferInsert, "id" | "complaintId">;

/**
 * Stores a new complaint, its first event and (when `laporOutbox`) the outbox row that records
 * it in LAPOR, in **one statement**: atomic by itself, one round trip, no transaction to open.
 * Returns null when the tracking code is taken (the caller draws another), and then writes
 * nothing at all.
 */
export async function insertComplaintWithEvent(
  db: Db,
  complaint: NewComplaintRow,
  event: FirstEventRow,
  laporOutbox: boolean,
): Promise<{ id: number; trackingCode: string } | null> {
  const c = valuesOf(complaints, complaint);
  const e = valuesOf(complaintEvents, event);
  const at = sql`${outbox.createdAt.mapToDriverValue(complaint.createdAt ?? new Date())}::timestamptz`;
  const rows = rowsOf<{ id: number | string; tracking_code: string }>(
    await db.execute(sql`
      with c as (
        insert into complaints (${c.columns}) values (${c.values})
        on conflict (tracking_code) do nothing
        returning id, tracking_code
      ), e as (
        insert into complaint_events (complaint_id, ${e.columns}) select id, ${e.values} from c
      ), o as (
        insert into outbox (topic, complaint_id, payload, dedupe_key, created_at, next_attempt_at)
        select 'lapor.create_complaint', id, jsonb_build_object('complaintId', id), 'lapor.create_complaint:' || id, ${at}, ${at}
        from c where ${laporOutbox}
      )
      select id, tracking_code from c`),
  );
  const row = rows[0];
  return row ? { id: Number(row.id), trackingCode: row.tracking_code } : null;
}
