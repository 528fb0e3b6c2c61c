import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf, ts, zoneSql } from "@/db/raw";
import { rebuildDaily } from "./sla-daily";

/** Statuses in which a complaint has ended: a clock it never completed no longer applies. */
const ENDED = sql`('closed', 'archived', 'forwarded')`;

/** Actions that end the verification clock (re-disposition does not restart it). */
const VERIFYING_ACTIONS = sql`('dispose', 'archive', 'forward', 'merge')`;


/** The outcome of one clock (see `slaFacts`): null, 0 running, 1 met, 2 late, 3 overdue. */
function outcome(done: SQL, due: SQL, now: Date): SQL {
  return sql`case
    when ${due} is null then null
    when ${done} is not null then case when ${done} <= ${due} then 1 else 2 end
    when src.status in ${ENDED} then null
    when ${due} < ${ts(now)} then 3
    else 0 end`;
}

/**
 * Brings `sla_facts` up to date for the given complaints (a subquery yielding `id`): one
 * set-based statement, nothing loaded into Node. Returns the local days (region's zone) of the
 * rows written, whose `sla_daily` summary the caller rebuilds.
 */
async function upsertFacts(db: Db, changed: SQL, now: Date, timeZone: string): Promise<string[]> {
  const TZ = zoneSql(timeZone);
  const rows = await db.execute(sql`
    with changed as (${changed}),
    ev as (
      select e.complaint_id, min(e.created_at) as verified_at
      from complaint_events e join changed ch on ch.id = e.complaint_id
      where e.action in ${VERIFYING_ACTIONS}
      group by e.complaint_id
    ),
    src as (
      select c.id, c.created_at, c.status, c.opd_id, c.category_id, c.kecamatan_id, c.channel, c.bounce_count, c.rating,
             ev.verified_at, c.verification_due, c.first_responded_at, c.first_response_due, c.responded_at, c.resolution_due
      from complaints c join changed ch on ch.id = c.id left join ev on ev.complaint_id = c.id
    ),
    o as (
      select src.*,
        ${outcome(sql`src.verified_at`, sql`src.verification_due`, now)} as v_out,
        ${outcome(sql`src.first_responded_at`, sql`src.first_response_due`, now)} as f_out,
        ${outcome(sql`src.responded_at`, sql`src.resolution_due`, now)} as r_out
      from src
    )
    insert into sla_facts as f (complaint_id, created_at, month, status, opd_id, category_id, kecamatan_id, channel, bounce_count, rating,
      verified_at, first_responded_at, responded_at, verification_outcome, first_response_outcome, resolution_outcome, recheck_at, refreshed_at)
    select id, created_at, date_trunc('month', created_at at time zone ${TZ})::date, status, opd_id, category_id, kecamatan_id, channel,
      bounce_count, rating, verified_at, first_responded_at, responded_at, v_out, f_out, r_out,
      least(case when v_out = 0 then verification_due end, case when f_out = 0 then first_response_due end, case when r_out = 0 then resolution_due end),
      ${ts(now)}
    from o
    on conflict (complaint_id) do update set
      status = excluded.status, opd_id = excluded.opd_id, category_id = excluded.category_id, kecamatan_id = excluded.kecamatan_id,
      channel = excluded.channel, bounce_count = excluded.bounce_count, rating = excluded.rating, verified_at = excluded.verified_at,
      first_responded_at = excluded.first_responded_at, responded_at = excluded.responded_at,
      verification_outcome = excluded.verification_outcome, first_response_outcome = excluded.first_response_outcome,
      resolution_outcome = excluded.resolution_outcome, recheck_at = excluded.recheck_at, refreshed_at = excluded.refreshed_at
    returning to_char(f.created_at at time zone ${TZ}, 'YYYY-MM-DD') as day`);
  return rowsOf<{ day: string }>(rows).map((r) => r.day);
}

/** Upserts the facts of `changed` and rebuilds the summary of their days, in one transaction. */
async function refreshSome(db: Db, changed: SQL, now: Date, timeZone: string, summary: boolean): Promise<number> {
  return db.transaction(async (tx) => {
    const days = await upsertFacts(tx, changed, now, timeZone);
    if (summary) await rebuildDaily(tx, [...new Set(days)], timeZone);
    return days.length;
  });
}

/**
 * Transactions commit after they stamp `updated_at`, so each run looks this far back again;
 * the upsert is idempotent, so seeing a row twice costs only time.
 */
const OVERLAP_MS = 10 * 60_000;
const BACKFILL_BATCH = 50_000;

export type FactsState = { since?: string; backfillAfterId?: number; backfilled?: boolean; dailyBuilt?: boolean };

/**
 * One run of the statistics refresh: first a backfill of every complaint in id batches, then
 * complaints changed since the last run plus rows whose running clock has fallen due, with the
 * `sla_daily` summary of their days. The summary is first built whole after the backfill (or
 * once, for facts kept before it existed). Returns the state to keep for the next run.
 */
export async function refreshSlaFacts(db: Db, now: Date, timeZone: string, state: FactsState = {}): Promise<FactsState & { written: number }> {
  let written = 0;
  const startedAt = new Date(now.getTime() - OVERLAP_MS).toISOString();
  if (!state.backfilled) {
    let after = state.backfillAfterId ?? 0;
    for (;;) {
      const [last] = rowsOf<{ id: number | string | null }>(
        await db.execute(sql`select max(id) as id from (select id from complaints where id > ${after} order by id limit ${BACKFILL_BATCH}) b`),
      );
      const upTo = last?.id == null ? null : Number(last.id);
      if (upTo === null) break;
      written += await refreshSome(db, sql`select id from complaints where id > ${after} and id <= ${upTo}`, now, timeZone, false);
      after = upTo;
    }
    await rebuildDaily(db, "all", timeZone);
    return { since: startedAt, backfilled: true, dailyBuilt: true, written };
  }
  if (!state.dailyBuilt) await rebuildDaily(db, "all", timeZone);
  const since = state.since ? new Date(state.since) : new Date(0);
  written += await refreshSome(
    db,
    sql`select id from complaints where updated_at >= ${ts(since)} union select complaint_id from sla_facts where recheck_at <= ${ts(now)}`,
    now,
    timeZone,
    true,
  );
  return { since: startedAt, backfilled: true, dailyBuilt: true, written };
}

