import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { CLOCK_RULES, runningSql, startSql, type ClockName } from "@/domain/clock-rules";
import { rowsOf, ts, zoneSql } from "@/db/raw";

/**
 * The running (or paused) clocks of open complaints — complaint or share id, clock, start,
 * deadline, at-risk moment, and which table (`t`: 'c' complaints, 's' opd_clocks) — by the rules
 * of domain/clock-rules.ts, as the workflow and the SLA sweep run them. A paused complaint's
 * clocks are those of the status it paused from. A running OPD share has its own two clocks.
 */
const CLOCKS = sql.raw(
  [
    ...(Object.keys(CLOCK_RULES) as ClockName[]).map((k) => {
      const r = CLOCK_RULES[k];
      return `select c.id, '${k}' as clock, ${startSql(k)} as s, c.${r.due} as d, ${r.riskAt ? `c.${r.riskAt}` : "null::timestamptz"} as r, 'c' as t
  from complaints c where ${runningSql(k, "c", { paused: true })} and c.${r.due} is not null`;
    }),
    `select s.id, 'opdFirstResponse', s.started_at, s.first_response_due, s.first_response_risk_at, 's'
  from opd_clocks s where s.ended_at is null and s.first_responded_at is null and s.first_response_due is not null`,
    `select s.id, 'opdResolution', s.started_at, s.resolution_due, s.resolution_risk_at, 's' from opd_clocks s where s.ended_at is null`,
  ].join("\n  union all\n  "),
);

/** Working-day position of moment `t` on calendar day row `cal` (ordinal `o`, working `w`): the start of working day o is o - 1. */
const pos = (tz: SQL, t: string, cal: string, o: string, w: string) =>
  sql`case when not ${sql.raw(`${cal}.${w}`)} or (${sql.raw(t)} at time zone ${tz})::time = time '23:59:59.999' then ${sql.raw(`${cal}.${o}`)}
    else ${sql.raw(`${cal}.${o}`)} - 1 + extract(epoch from (${sql.raw(t)} at time zone ${tz})::time) / 86400.0 end`;
/** The moment at position `p` on the new calendar (`wd`: the working day with ordinal ceil(p)). */
const at = (tz: SQL, p: string, wd: string) => sql`((${sql.raw(`${wd}.day + (${p} - (ceil(${p}) - 1))`)} * interval '1 day') at time zone ${tz})`;

/**
 * After `day` was added to (or removed from) the non-working days: moves every deadline and
 * at-risk moment of a running or paused clock whose window contains that day, keeping the
 * clock's working time (its working days, plus any pause already added) on the new calendar:
 * a holiday inside the window moves the deadline one working day later, removing one moves it
 * back. One set-based statement, in the caller's transaction (the calendar change itself): the
 * complaints, and one `deadlines_recomputed` event per complaint whose deadline moved (old and
 * new moments in its data). Returns how many complaints moved.
 */
export async function recomputeDeadlines(tx: Db, change: { day: string; added: boolean }, actor: { userId: number | null; role: string }, now: Date, timeZone: string): Promise<number> {
  const TZ = zoneSql(timeZone);
  const day = sql`${change.day}::date`;
  const rows = rowsOf<{ n: number | string }>(
    await tx.execute(sql`
      with hit as (
        select * from (${CLOCKS}) k where (k.s at time zone ${TZ})::date <= ${day} and (k.d at time zone ${TZ})::date >= ${day}
      ),
      cal0 as (
        select g::date as day, extract(isodow from g) < 6 and not exists (select 1 from holidays h where h.day = g::date) as w_new
        from generate_series((select min((s at time zone ${TZ})::date) from hit), (select max((d at time zone ${TZ})::date) from hit) + 400, interval '1 day') g
      ),
      cal as (
        select day, w_new, w_old,
          count(*) filter (where w_new) over (order by day) as o_new, count(*) filter (where w_old) over (order by day) as o_old
        from (select day, w_new, case when day = ${day} then extract(isodow from day) < 6 and ${change.added}::boolean else w_new end as w_old from cal0) x
      ),
      wd as (select day, o_new as ord from cal where w_new),
      moved as (
        select hit.id, hit.t, hit.clock, hit.d as old_d, hit.r as old_r,
          case when p.pd = ceil(p.pd) and not cs.w_new then (nd.day + time '23:59:59.999') at time zone ${TZ} else ${at(TZ, "p.pd", "nd")} end as new_d,
          case when hit.r is null then null else ${at(TZ, "p.pr", "nr")} end as new_r
        from hit
        join cal cs on cs.day = (hit.s at time zone ${TZ})::date
        join cal cd on cd.day = (hit.d at time zone ${TZ})::date
        left join cal cr on cr.day = (hit.r at time zone ${TZ})::date
        cross join lateral (select ${pos(TZ, "hit.s", "cs", "o_new", "w_new")} as ps_new, ${pos(TZ, "hit.s", "cs", "o_old", "w_old")} as ps_old) q
        cross join lateral (select q.ps_new + ${pos(TZ, "hit.d", "cd", "o_old", "w_old")} - q.ps_old as pd,
                                   q.ps_new + ${pos(TZ, "hit.r", "cr", "o_old", "w_old")} - q.ps_old as pr) p
        left join wd nd on nd.ord = ceil(p.pd)
        left join wd nr on nr.ord = ceil(p.pr)
      ),
      changed as (select * from moved where new_d is distinct from old_d or new_r is distinct from old_r),
      per as (
        select id,
          max(new_d) filter (where clock = 'verification') as v_d, max(new_r) filter (where clock = 'verification') as v_r,
          max(new_d) filter (where clock = 'firstResponse') as f_d, max(new_r) filter (where clock = 'firstResponse') as f_r,
          max(new_d) filter (where clock = 'resolution') as r_d, max(new_r) filter (where clock = 'resolution') as r_r,
          max(new_d) filter (where clock = 'autoClose') as a_d,
          jsonb_object_agg(clock, new_d) as due, jsonb_object_agg(clock, old_d) as previous
        from changed where t = 'c' group by id
      ),
      per_s as (
        select id,
          max(new_d) filter (where clock = 'opdFirstResponse') as f_d, max(new_r) filter (where clock = 'opdFirstResponse') as f_r,
          max(new_d) filter (where clock = 'opdResolution') as r_d, max(new_r) filter (where clock = 'opdResolution') as r_r
        from changed where t = 's' group by id
      ),
      upd_s as (
        update opd_clocks s set
          first_response_due = coalesce(per_s.f_d, s.first_response_due), first_response_risk_at = coalesce(per_s.f_r, s.first_response_risk_at),
          resolution_due = coalesce(per_s.r_d, s.resolution_due), resolution_risk_at = coalesce(per_s.r_r, s.resolution_risk_at)
        from per_s where s.id = per_s.id
      ),
      upd as (
        update complaints c set
          verification_due = coalesce(per.v_d, c.verification_due), verification_risk_at = coalesce(per.v_r, c.verification_risk_at),
          first_response_due = coalesce(per.f_d, c.first_response_due), first_response_risk_at = coalesce(per.f_r, c.first_response_risk_at),
          resolution_due = coalesce(per.r_d, c.resolution_due), resolution_risk_at = coalesce(per.r_r, c.resolution_risk_at),
          auto_close_due = coalesce(per.a_d, c.auto_close_due), updated_at = ${ts(now)}
        from per where c.id = per.id
        returning c.id, c.status
      ),
      ev as (
        insert into complaint_events (complaint_id, created_at, action, actor_user_id, actor_role, from_status, to_status, data)
        select upd.id, ${ts(now)}, 'deadlines_recomputed', ${actor.userId}, ${actor.role}, upd.status, upd.status,
          jsonb_build_object('day', ${change.day}::text, 'change', ${change.added ? "added" : "removed"}::text, 'due', per.due, 'previous', per.previous)
        from upd join per on per.id = upd.id
      )
      select count(*) as n from upd`),
  );
  return Number(rows[0]?.n ?? 0);
}
