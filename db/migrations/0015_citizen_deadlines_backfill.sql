-- Issue 19: the citizen's clocks are continuous (PRODUCT.md "Service levels"). For complaints
-- already in the database, recomputes from the event log the citizen's first-response and
-- resolution deadlines: from the first disposition (resolution: or the reporter's last
-- objection), plus the working time of the pauses since, on the current working calendar —
-- undoing every restart a return or re-disposition made. Sets first_disposed_at and the
-- citizen's first response (the first message any OPD sent the reporter), and writes one
-- `deadlines_recomputed` event per complaint whose deadline moved (more than a second). Then
-- builds each OPD's shares (`opd_clocks`) from the dispositions, returns, answers and merges.
-- Set-based; counted beforehand, without changing anything, by `npm run clocks:dry-run`.
-- Working days and times as domain/working-days.ts: days as ordinals on a calendar of the
-- region's weekdays minus `holidays`, in Asia/Jakarta (the zone of every region served so far).
CREATE TEMP TABLE pintu_cal AS
SELECT g::date AS day, x.w, (count(*) FILTER (WHERE x.w) OVER (ORDER BY g))::int AS ord
FROM generate_series(
  (SELECT coalesce(min((created_at AT TIME ZONE 'Asia/Jakarta')::date), current_date) FROM complaints) - 14,
  greatest(current_date, (SELECT coalesce(max((created_at AT TIME ZONE 'Asia/Jakarta')::date), current_date) FROM complaints)) + 1100,
  interval '1 day') g
CROSS JOIN LATERAL (SELECT extract(isodow FROM g) < 6 AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.day = g::date) AS w) x;
--> statement-breakpoint
CREATE INDEX pintu_cal_day_idx ON pintu_cal (day);
--> statement-breakpoint
CREATE INDEX pintu_cal_ord_idx ON pintu_cal (ord) WHERE w;
--> statement-breakpoint
-- Planner statistics for what the statements below look up row by row (also on a freshly loaded database).
ANALYZE pintu_cal, complaint_events;
--> statement-breakpoint
-- Working-day position of a moment: working day k spans [k - 1, k); a non-working day, and the
-- last millisecond of a day (deadlines counted from one), sit at the end of the working day before.
CREATE FUNCTION pg_temp.wd_pos(t timestamptz) RETURNS float8 LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN NOT c.w OR (t AT TIME ZONE 'Asia/Jakarta')::time = time '23:59:59.999' THEN c.ord
    ELSE c.ord - 1 + extract(epoch FROM (t AT TIME ZONE 'Asia/Jakarta')::time) / 86400.0 END
  FROM pintu_cal c WHERE c.day = (t AT TIME ZONE 'Asia/Jakarta')::date
$$;
--> statement-breakpoint
-- The moment at position p; `eod`: a whole number of days counted from a non-working day ends at
-- the last millisecond of the working day (addWorkingDays).
CREATE FUNCTION pg_temp.wd_at(p float8, eod boolean) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN eod AND p = ceil(p) THEN (c.day + time '23:59:59.999') AT TIME ZONE 'Asia/Jakarta'
    ELSE (c.day + (p - (ceil(p) - 1)) * interval '1 day') AT TIME ZONE 'Asia/Jakarta' END
  FROM pintu_cal c WHERE c.w AND c.ord = ceil(p)::int
$$;
--> statement-breakpoint
CREATE FUNCTION pg_temp.wd_working(t timestamptz) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT c.w FROM pintu_cal c WHERE c.day = (t AT TIME ZONE 'Asia/Jakarta')::date
$$;
--> statement-breakpoint
-- Working days of pauses (clock_resumed events) that began at or after `since` and before `until`.
CREATE FUNCTION pg_temp.paused_days(complaint bigint, since timestamptz, until timestamptz) RETURNS float8 LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum((r.data->>'pausedMs')::float8), 0) / 86400000.0
  FROM complaint_events r
  WHERE r.complaint_id = complaint AND r.action = 'clock_resumed' AND r.data->>'pausedSince' IS NOT NULL
    AND (r.data->>'pausedSince')::timestamptz >= since AND (until IS NULL OR (r.data->>'pausedSince')::timestamptz < until)
$$;
--> statement-breakpoint
CREATE TEMP TABLE pintu_citizen AS
WITH ev AS (
  SELECT e.complaint_id,
    min(e.created_at) FILTER (WHERE e.action = 'dispose') AS fd,
    min(e.created_at) FILTER (WHERE e.action IN ('request_info', 'respond') AND e.actor_role IN ('opd_officer', 'opd_head')) AS fr,
    max(e.created_at) FILTER (WHERE e.action = 'object') AS obj
  FROM complaint_events e
  WHERE e.action IN ('dispose', 'request_info', 'respond', 'object')
  GROUP BY e.complaint_id
),
k AS (
  SELECT c.id, ev.fd, ev.fr, greatest(ev.fd, ev.obj) AS rs,
    coalesce(CASE WHEN (cat.sla->>'firstResponse') ~ '^[1-9][0-9]*$' THEN (cat.sla->>'firstResponse')::int END, 5) AS n_f,
    coalesce(CASE WHEN (cat.sla->>'resolution') ~ '^[1-9][0-9]*$' THEN (cat.sla->>'resolution')::int END, 14) AS n_r
  FROM complaints c JOIN ev ON ev.complaint_id = c.id LEFT JOIN categories cat ON cat.id = c.category_id
  WHERE ev.fd IS NOT NULL
),
p AS (
  SELECT k.*, pg_temp.paused_days(k.id, k.rs, NULL) AS pause_r, pg_temp.paused_days(k.id, k.fd, k.fr) AS pause_f FROM k
)
SELECT p.id, p.fd, p.fr, p.rs,
  pg_temp.wd_at(pg_temp.wd_pos(p.fd) + p.n_f + p.pause_f, NOT pg_temp.wd_working(p.fd) AND p.pause_f = 0) AS f_due,
  pg_temp.wd_at(pg_temp.wd_pos(p.fd) + 0.8 * p.n_f + p.pause_f, false) AS f_risk,
  pg_temp.wd_at(pg_temp.wd_pos(p.rs) + p.n_r + p.pause_r, NOT pg_temp.wd_working(p.rs) AND p.pause_r = 0) AS r_due,
  pg_temp.wd_at(pg_temp.wd_pos(p.rs) + 0.8 * p.n_r + p.pause_r, false) AS r_risk
FROM p;
--> statement-breakpoint
-- A deadline "moves" when it differs by more than a second (the arithmetic above and the
-- workflow's may differ by a millisecond at a day's end).
CREATE TEMP TABLE pintu_moved AS
SELECT n.*, c.first_response_due AS old_f, c.resolution_due AS old_r, c.status
FROM pintu_citizen n JOIN complaints c ON c.id = n.id
WHERE (n.f_due IS NOT NULL AND (c.first_response_due IS NULL OR abs(extract(epoch FROM n.f_due - c.first_response_due)) > 1))
   OR (n.r_due IS NOT NULL AND (c.resolution_due IS NULL OR abs(extract(epoch FROM n.r_due - c.resolution_due)) > 1));
--> statement-breakpoint
UPDATE complaints c SET first_disposed_at = n.fd, first_responded_at = n.fr, resolution_started_at = n.rs
FROM pintu_citizen n WHERE c.id = n.id;
--> statement-breakpoint
UPDATE complaints c SET
  first_response_due = coalesce(m.f_due, c.first_response_due), first_response_risk_at = coalesce(m.f_risk, c.first_response_risk_at),
  resolution_due = coalesce(m.r_due, c.resolution_due), resolution_risk_at = coalesce(m.r_risk, c.resolution_risk_at),
  updated_at = now()
FROM pintu_moved m WHERE c.id = m.id;
--> statement-breakpoint
INSERT INTO complaint_events (complaint_id, created_at, action, actor_role, from_status, to_status, data)
SELECT m.id, now(), 'deadlines_recomputed', 'system', m.status, m.status,
  jsonb_build_object('reason', 'citizen_clock', 'due', jsonb_build_object('firstResponse', m.f_due, 'resolution', m.r_due),
    'previous', jsonb_build_object('firstResponse', m.old_f, 'resolution', m.old_r))
FROM pintu_moved m;
--> statement-breakpoint
-- Each OPD's shares: started by a disposition, re-disposition, objection or unmerge back to an
-- OPD (those two: the OPD of the share before), ended by the first answer, return,
-- re-disposition or merge after it.
INSERT INTO opd_clocks (complaint_id, opd_id, started_at, started_by, first_response_due, first_response_risk_at,
  resolution_due, resolution_risk_at, first_responded_at, paused_ms, ended_at, end_reason, held_ms)
WITH st0 AS (
  SELECT e.id AS eid, e.complaint_id, e.created_at AS started_at, e.action AS started_by, o.id AS opd_id,
    lead(e.id) OVER (PARTITION BY e.complaint_id ORDER BY e.id) AS next_eid,
    lead(e.created_at) OVER (PARTITION BY e.complaint_id ORDER BY e.id) AS next_at
  FROM complaint_events e LEFT JOIN opds o ON o.code = e.data->>'opdCode' AND e.action IN ('dispose', 'redispose')
  WHERE e.action IN ('dispose', 'redispose', 'object') OR (e.action = 'unmerge' AND e.to_status IN ('disposed', 'in_progress'))
),
st1 AS (SELECT st0.*, count(opd_id) OVER (PARTITION BY complaint_id ORDER BY eid) AS grp FROM st0),
st AS (
  SELECT st1.*, first_value(st1.opd_id) OVER (PARTITION BY st1.complaint_id, st1.grp ORDER BY st1.eid) AS share_opd,
    coalesce(CASE WHEN (cat.sla->>'firstResponse') ~ '^[1-9][0-9]*$' THEN (cat.sla->>'firstResponse')::int END, 5) AS n_f,
    coalesce(CASE WHEN (cat.sla->>'resolution') ~ '^[1-9][0-9]*$' THEN (cat.sla->>'resolution')::int END, 14) AS n_r
  FROM st1 JOIN complaints c ON c.id = st1.complaint_id LEFT JOIN categories cat ON cat.id = c.category_id
),
ended AS (
  SELECT st.*, en.created_at AS end_at,
    CASE en.action WHEN 'respond' THEN 'responded' WHEN 'return' THEN 'returned' WHEN 'merge' THEN 'merged' ELSE 'redisposed' END AS end_reason
  FROM st
  LEFT JOIN LATERAL (
    SELECT x.created_at, x.action FROM (
      SELECT e.id, e.created_at, e.action FROM complaint_events e
      WHERE e.complaint_id = st.complaint_id AND e.created_at >= st.started_at AND e.id > st.eid AND (st.next_eid IS NULL OR e.id <= st.next_eid)
        AND e.action IN ('respond', 'return', 'redispose', 'merge')
      UNION ALL SELECT st.next_eid, st.next_at, 'redispose' WHERE st.next_eid IS NOT NULL
    ) x ORDER BY x.id LIMIT 1
  ) en ON true
  WHERE st.share_opd IS NOT NULL
),
full_share AS MATERIALIZED (
  SELECT ended.*,
    (SELECT min(e.created_at) FROM complaint_events e
      WHERE e.complaint_id = ended.complaint_id AND e.created_at >= ended.started_at AND e.id > ended.eid AND e.action IN ('request_info', 'respond')
        AND e.actor_role IN ('opd_officer', 'opd_head') AND (ended.end_at IS NULL OR e.created_at <= ended.end_at)) AS fr
  FROM ended
),
timed AS MATERIALIZED (
  SELECT s.*, pg_temp.paused_days(s.complaint_id, s.started_at, s.end_at) AS pause_all,
    pg_temp.paused_days(s.complaint_id, s.started_at, coalesce(s.fr, s.end_at)) AS pause_f,
    pg_temp.wd_working(s.started_at) AS working_start, pg_temp.wd_pos(s.started_at) AS p0, pg_temp.wd_pos(s.end_at) AS p1
  FROM full_share s
)
SELECT complaint_id, share_opd, started_at, started_by,
  CASE WHEN started_by <> 'object' THEN pg_temp.wd_at(p0 + n_f + pause_f, NOT working_start AND pause_f = 0) END,
  CASE WHEN started_by <> 'object' THEN pg_temp.wd_at(p0 + 0.8 * n_f + pause_f, false) END,
  pg_temp.wd_at(p0 + n_r + pause_all, NOT working_start AND pause_all = 0),
  pg_temp.wd_at(p0 + 0.8 * n_r + pause_all, false),
  fr, round(pause_all * 86400000)::bigint, end_at, CASE WHEN end_at IS NOT NULL THEN end_reason END,
  CASE WHEN end_at IS NOT NULL THEN greatest(0, round((p1 - p0 - pause_all) * 86400000))::bigint END
FROM timed
WHERE p0 IS NOT NULL
  -- Shares the workflow has already kept are left as they are.
  AND NOT EXISTS (SELECT 1 FROM opd_clocks o WHERE o.complaint_id = timed.complaint_id);
--> statement-breakpoint
DROP TABLE pintu_moved, pintu_citizen, pintu_cal;
--> statement-breakpoint
DROP FUNCTION pg_temp.paused_days(bigint, timestamptz, timestamptz), pg_temp.wd_working(timestamptz), pg_temp.wd_at(float8, boolean), pg_temp.wd_pos(timestamptz);
