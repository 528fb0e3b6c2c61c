import { sql, type SQL } from "drizzle-orm";
import { COMPLAINT_STATUSES } from "@/domain/complaint-status";
import { CLOCK_RULES, runningSql, startSql, type PausableClock } from "@/domain/clock-rules";
import { WORKFLOW } from "@/domain/workflow";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/raw";
import type { SlaClockName } from "@/db/schema-sla";
import { enqueueSql } from "./outbox";

// No "server-only" here: the worker (`npm run worker`) runs this in a plain Node process.

type TimedClock = Exclude<SlaClockName, "auto_close">;

/**
 * How each timed clock is found in SQL: when it runs (domain/clock-rules.ts — the same text as
 * the partial indexes' predicates in db/schema.ts, so the planner uses them), when it started,
 * its deadline and 80 % mark. `opdClock`: its reminders go to the OPD holding the complaint
 * (to the coordinators while none does, e.g. after a return).
 */
const clockSql = (k: PausableClock, opdClock: boolean) => ({
  running: sql.raw(runningSql(k)),
  start: sql.raw(startSql(k)),
  due: sql.raw(`c.${CLOCK_RULES[k].due}`),
  riskAt: sql.raw(`c.${CLOCK_RULES[k].riskAt}`),
  opdClock,
});
const CLOCKS: Record<TimedClock, { running: SQL; start: SQL; due: SQL; riskAt: SQL; opdClock: boolean }> = {
  verification: clockSql("verification", false),
  first_response: clockSql("firstResponse", true),
  resolution: clockSql("resolution", true),
};

/** The statuses from which the workflow table lets the system close a complaint (auto-close). */
function autoCloseStatuses(): string[] {
  const from = (Object.keys(WORKFLOW) as (keyof typeof WORKFLOW)[]).filter((s) =>
    WORKFLOW[s].some((r) => r.action === "auto_close" && r.by.includes("system") && r.to === "closed"),
  );
  if (from.some((s) => !COMPLAINT_STATUSES.includes(s))) throw new Error("unknown status in the workflow table");
  return from;
}

const count = async (db: Db, query: SQL) => Number(rowsOf<{ n: number | string }>(await db.execute(query))[0]?.n ?? 0);

/**
 * Marks one kind of crossing (at risk or breached) of one clock for every complaint that has
 * crossed it and is not marked yet, with its breach event and staff notifications — one
 * statement, so the mark, the event and the notifications commit together. The mark's primary
 * key makes a second or concurrent sweep insert nothing, hence notify nobody.
 */
/**
 * With `email` (SMTP_URL set): one `notify.staff` outbox row per notification just written, in
 * the same statement (jobs/notify-staff.ts mails the staff who want it).
 */
const MAILED = sql.raw(`,
    mailed as (
      ${enqueueSql([{ topic: "notify.staff", from: "notified", complaintId: "complaint_id", payload: { notificationId: "id" }, at: "created_at" }])}
    )`);
const mailed = (email: boolean) => (email ? MAILED : sql``);

function markStatement(clock: TimedClock, kind: "at_risk" | "breached", now: Date, limit: number, email: boolean): SQL {
  const k = CLOCKS[clock];
  const at = sql`${now.toISOString()}::timestamptz`;
  const crossed = kind === "breached" ? sql`${k.riskAt} <= ${at} and ${k.due} < ${at}` : sql`${k.riskAt} <= ${at} and ${k.due} >= ${at}`;
  // At risk → the OPD holding it (verification, or no OPD: the coordinators); breached → the OPD
  // head and the coordinators.
  const to = (role: string | null, opd: boolean, where = "true") =>
    sql`select x.id, ${sql.raw(role ? `'${role}'::role` : "null::role")} as role, ${sql.raw(opd ? "x.opd_id" : "null::int")} as opd_id, x.due, x.tracking_code from x where ${sql.raw(where)}`;
  const audience =
    kind === "at_risk"
      ? k.opdClock
        ? sql`${to(null, true, "x.opd_id is not null")} union all ${to("coordinator", false, "x.opd_id is null")}`
        : to("coordinator", false)
      : k.opdClock
        ? sql`${to("opd_head", true, "x.opd_id is not null")} union all ${to("coordinator", false)}`
        : to("coordinator", false);
  return sql`
    with cand as (
      select c.id, c.opd_id, c.status, c.tracking_code, ${k.start} as clock_start, ${k.due} as due
      from complaints c
      where ${k.running} and ${crossed}
        and not exists (
          select 1 from sla_marks m
          where m.complaint_id = c.id and m.clock = ${clock}::text and m.kind = ${kind}::text and m.clock_start = ${k.start})
      limit ${limit}
    ),
    marked as (
      insert into sla_marks (complaint_id, clock, kind, clock_start, due, at)
      select id, ${clock}::text, ${kind}::text, clock_start, due, ${at} from cand
      on conflict do nothing
      returning complaint_id
    ),
    x as (select cand.* from cand join marked on marked.complaint_id = cand.id),
    ${
      kind === "breached"
        ? sql`events as (
      insert into complaint_events (complaint_id, created_at, action, actor_role, from_status, to_status, data)
      select x.id, ${at}, 'sla_breached', 'system', x.status, x.status, jsonb_build_object('clock', ${clock}::text, 'due', x.due)
      from x
    ),`
        : sql``
    }
    notified as (
      insert into staff_notifications (created_at, role, opd_id, kind, complaint_id, data)
      select ${at}, a.role, a.opd_id, ${`sla_${kind}`}::text, a.id,
             jsonb_build_object('clock', ${clock}::text, 'due', a.due, 'code', a.tracking_code)
      from (${audience}) a
      returning id, complaint_id, created_at
    )${mailed(email)}
    select count(*) as n from x`;
}

/**
 * Complaints whose reporter stayed silent until the auto-close deadline (ids, oldest deadline
 * first). Only selected here: each is closed through the workflow executor
 * (server/sla-sweep.ts), like any other action.
 */
export async function autoCloseCandidates(db: Db, now: Date, limit: number): Promise<number[]> {
  const statuses = sql.raw(autoCloseStatuses().map((s) => `'${s}'`).join(", "));
  const rows = rowsOf<{ id: number | string }>(
    await db.execute(sql`
      select c.id from complaints c
      where c.status in (${statuses}) and c.auto_close_due <= ${now.toISOString()}::timestamptz and c.responded_at is not null
      order by c.auto_close_due limit ${limit}`),
  );
  return rows.map((r) => Number(r.id));
}

export type MarkResult = Record<`${TimedClock}_${"at_risk" | "breached"}`, number>;

/**
 * The SLA sweep's marks over every open complaint, in set-based statements (a few per clock,
 * each in its own transaction; batches of `batch` rows so one run never holds a huge
 * transaction): breaches (with their events) and at-risk reminders, and with `emailStaff` their
 * `notify.staff` rows. Safe to run twice or on two workers at once: each crossing is marked once
 * (sla_marks' primary key).
 */
export async function markCrossings(db: Db, opts: { now: Date; batch: number; emailStaff?: boolean }): Promise<MarkResult> {
  const batch = opts.batch;
  const email = opts.emailStaff ?? false;
  const result = {} as MarkResult;  const drain = async (make: () => SQL) => {
    let total = 0;
    for (;;) {
      const n = await count(db, make());
      total += n;
      if (n < batch) return total;
    }
  };
  for (const clock of Object.keys(CLOCKS) as TimedClock[]) {
    result[`${clock}_breached`] = await drain(() => markStatement(clock, "breached", opts.now, batch, email));
    result[`${clock}_at_risk`] = await drain(() => markStatement(clock, "at_risk", opts.now, batch, email));
  }
  return result;
}
