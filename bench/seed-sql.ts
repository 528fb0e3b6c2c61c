/**
 * The set-based SQL of the synthetic generator (bench/seed.ts). Everything is computed inside
 * PostgreSQL from generate_series and random(): per complaint a plan (creation time, category,
 * area, channel, outcome and the delay of every later step), then the complaints, their events
 * and outbox rows derived from that plan, so the three always agree. Steps whose time lies after
 * `now` have not happened yet: that is what leaves recent (and a few stalled) complaints open.
 */

/** Working-day calendar for the deadline columns: ordinal of every working day (domain/working-days.ts semantics). */
export const CALENDAR = [
  `DROP TABLE IF EXISTS bench_cal, bench_wd`,
  `CREATE UNLOGGED TABLE bench_cal AS
   SELECT d::date AS day, (extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.day = d::date)) AS working
   FROM generate_series(($1::timestamptz AT TIME ZONE $2)::date - 1900, ($1::timestamptz AT TIME ZONE $2)::date + 400, interval '1 day') d`,
  `ALTER TABLE bench_cal ADD COLUMN ord int`,
  `UPDATE bench_cal c SET ord = s.ord FROM (SELECT day, sum(working::int) OVER (ORDER BY day) AS ord FROM bench_cal) s WHERE s.day = c.day`,
  `CREATE UNLOGGED TABLE bench_wd AS SELECT ord, day FROM bench_cal WHERE working`,
  `ANALYZE bench_cal`,
  `ANALYZE bench_wd`,
];

/**
 * Random draws per complaint (a subquery of PLAN). Parameters: $1 count, $2 first id - 1, $3 now,
 * $4 number of subjects, $5 subject category codes ('' = none), $6 number of places, $7 number of
 * names, $8 kelurahan ids, $9 their kecamatan ids, $10 all category codes, $11 OPD ids (agencies),
 * $12 external institution ids. Texts are built from the indexes when the complaints are written.
 */
const DRAWS = `
SELECT s.id, s.t0, s.subj, s.kel, s.place, s.place2, s.name, s.rating, s.notes,
  s.r_out, s.r_anon, s.r_conf, s.r_arch, s.r_addr, s.r_geo, s.r_inc, s.r_phone, s.r_mail, s.r_nik,
  CASE WHEN s.r_ch < 0.52 THEN 'web' WHEN s.r_ch < 0.70 THEN 'lapor' WHEN s.r_ch < 0.74 THEN 'sms'
       WHEN s.r_ch < 0.81 THEN 'walk_in' WHEN s.r_ch < 0.87 THEN 'phone' WHEN s.r_ch < 0.89 THEN 'letter'
       WHEN s.r_ch < 0.95 THEN 'email' ELSE 'social' END AS channel,
  CASE WHEN s.r_cat < 0.12 THEN NULL
       WHEN s.r_cat < 0.85 THEN nullif(($5::text[])[s.subj], '')
       ELSE ($10::text[])[1 + floor(s.r_cat2 * cardinality($10::text[]))::int] END AS cat_code,
  CASE WHEN s.r_kel < 0.92 THEN ($8::int[])[s.kel] END AS kel_id,
  CASE WHEN s.r_kel < 0.92 THEN ($9::int[])[s.kel] END AS kec_id,
  ($11::int[])[1 + floor(s.r_opd * cardinality($11::int[]))::int] AS opd_rand,
  ($11::int[])[1 + floor(s.r_opd2 * cardinality($11::int[]))::int] AS opd_wrong,
  ($11::int[])[1 + (floor(s.r_opd2 * cardinality($11::int[]))::int + 1) % cardinality($11::int[])] AS opd_wrong2,
  ($12::int[])[1 + floor(s.r_ext * cardinality($12::int[]))::int] AS ext_rand,
  s.r_bounce < 0.09 AS bounce, s.r_info < 0.22 AS info, s.r_noreply < 0.12 AS noreply, s.r_obj < 0.06 AS objects,
  s.r_close < 0.5 AS reporter_closes, s.r_rate < 0.55 AS rates, s.r_corr < 0.15 AS corrects, s.r_assign < 0.4 AS assigns,
  interval '1 hour' * (1 + 18 * s.e1) * CASE WHEN s.tail1 < 0.04 THEN 12 ELSE 1 END AS d_triage,
  interval '1 hour' * (4 + 40 * s.e2) AS d_return,
  interval '1 hour' * (1 + 20 * s.e3) AS d_redispose,
  interval '1 hour' * (1 + 30 * s.e4) * CASE WHEN s.tail2 < 0.002 THEN 100000 WHEN s.tail2 < 0.05 THEN 10 ELSE 1 END AS d_accept,
  interval '1 hour' * (2 + 48 * s.e5) AS d_reqinfo,
  -- a reporter who never answers: after a week or two the officer resumes without the answer
  CASE WHEN s.r_noreply < 0.12 THEN interval '1 hour' * (170 + 72 * s.e6) ELSE interval '1 hour' * (1 + 60 * s.e6) END AS d_reply,
  interval '1 hour' * (4 + 110 * s.e7) * CASE WHEN s.tail3 < 0.004 THEN 100000 WHEN s.tail3 < 0.06 THEN 6 ELSE 1 END AS d_respond,
  interval '1 hour' * (2 + 48 * s.e8) AS d_object,
  interval '1 hour' * (4 + 96 * s.e9) AS d_respond2,
  least(interval '1 hour' * (1 + 50 * s.e10), interval '13 days') AS d_close,
  interval '1 hour' * (0.2 + 10 * s.e11) AS d_rate
FROM (
  SELECT $2::bigint + i AS id,
    -- five years back, denser towards today (the volume grows), never in the last minute
    $3::timestamptz - interval '1 minute' - interval '1826 days' * power(random(), 1.2) AS t0,
    1 + floor(random() * $4::int)::int AS subj,
    1 + floor(random() * cardinality($8::int[]))::int AS kel,
    1 + floor(random() * $6::int)::int AS place,
    1 + floor(random() * $6::int)::int AS place2,
    1 + floor(random() * $7::int)::int AS name,
    -- ratings lean positive
    (ARRAY[1,2,2,3,3,4,4,4,5,5,5,5])[1 + floor(random() * 12)::int] AS rating,
    floor(random() * 6)::int AS notes,
    random() AS r_ch, random() AS r_cat, random() AS r_cat2, random() AS r_kel, random() AS r_addr, random() AS r_geo,
    random() AS r_inc, random() AS r_anon, random() AS r_conf, random() AS r_phone, random() AS r_mail, random() AS r_nik,
    random() AS r_opd, random() AS r_opd2, random() AS r_ext, random() AS r_out, random() AS r_arch,
    random() AS r_bounce, random() AS r_info, random() AS r_noreply, random() AS r_obj, random() AS r_close, random() AS r_rate,
    random() AS r_corr, random() AS r_assign, random() AS tail1, random() AS tail2, random() AS tail3,
    -ln(1 - random()) AS e1, -ln(1 - random()) AS e2, -ln(1 - random()) AS e3, -ln(1 - random()) AS e4,
    -ln(1 - random()) AS e5, -ln(1 - random()) AS e6, -ln(1 - random()) AS e7, -ln(1 - random()) AS e8,
    -ln(1 - random()) AS e9, -ln(1 - random()) AS e10, -ln(1 - random()) AS e11
  FROM generate_series(1, $1::int) i
) s`;

/**
 * Step 1: the plan of each complaint: draws, then its timeline (null = never happens; later than
 * $3 = not yet) and its status now. Parameters as DRAWS.
 */
export const PLAN = `
CREATE UNLOGGED TABLE bench_gen AS
SELECT a.id, a.t0, a.subj, a.kel, a.place, a.place2, a.name, a.rating, a.notes, a.r_anon, a.r_conf, a.r_arch, a.r_addr, a.r_geo, a.r_inc,
  a.r_phone, a.r_mail, a.r_nik, a.channel, a.kel_id, a.kec_id, a.ext_rand, a.noreply, a.reporter_closes, c.id AS cat_id, c.opd_id AS cat_opd, c.external_id AS cat_ext,
  coalesce((c.sla->>'verification')::int, 3) AS sla_ver, coalesce((c.sla->>'firstResponse')::int, 5) AS sla_fr,
  coalesce((c.sla->>'resolution')::int, 14) AS sla_res,
  o.outcome, x1.t_triage, x2.t_return, x2.t_disp2, x3.t_disp, x4.t_accept, x5.t_reqinfo, x5.t_reply, x6.t_respond,
  x7.t_object, x7.t_respond2, x8.t_close, x9.t_rate, x9.t_assign, x9.t_corr,
  x3.opd_final, CASE WHEN a.bounce THEN x3.opd_first ELSE x3.opd_final END AS opd_first,
  st.status
FROM (${DRAWS}) a
LEFT JOIN categories c ON c.code = a.cat_code
CROSS JOIN LATERAL (SELECT CASE WHEN a.r_out < 0.07 THEN 'a' WHEN a.r_out < 0.11 THEN 'f' ELSE 'd' END AS outcome) o
CROSS JOIN LATERAL (SELECT a.t0 + a.d_triage AS t_triage) x1
CROSS JOIN LATERAL (SELECT CASE WHEN o.outcome = 'd' AND a.bounce THEN x1.t_triage + a.d_return END AS t_return,
                           CASE WHEN o.outcome = 'd' AND a.bounce THEN x1.t_triage + a.d_return + a.d_redispose END AS t_disp2) x2
CROSS JOIN LATERAL (SELECT CASE WHEN o.outcome = 'd' THEN coalesce(x2.t_disp2, x1.t_triage) END AS t_disp,
                           coalesce(c.opd_id, a.opd_rand) AS opd_final,
                           CASE WHEN a.opd_wrong = coalesce(c.opd_id, a.opd_rand) THEN a.opd_wrong2 ELSE a.opd_wrong END AS opd_first) x3
CROSS JOIN LATERAL (SELECT x3.t_disp + a.d_accept AS t_accept) x4
CROSS JOIN LATERAL (SELECT CASE WHEN a.info THEN x4.t_accept + a.d_reqinfo END AS t_reqinfo,
                           CASE WHEN a.info THEN x4.t_accept + a.d_reqinfo + a.d_reply END AS t_reply) x5
CROSS JOIN LATERAL (SELECT CASE WHEN a.info THEN x5.t_reply ELSE x4.t_accept END + a.d_respond AS t_respond) x6
CROSS JOIN LATERAL (SELECT CASE WHEN a.objects THEN x6.t_respond + a.d_object END AS t_object,
                           CASE WHEN a.objects THEN x6.t_respond + a.d_object + a.d_respond2 END AS t_respond2) x7
CROSS JOIN LATERAL (SELECT coalesce(x7.t_respond2, x6.t_respond) + CASE WHEN a.reporter_closes THEN a.d_close ELSE interval '14 days' END AS t_close) x8
CROSS JOIN LATERAL (SELECT CASE WHEN a.reporter_closes AND a.rates THEN x8.t_close + a.d_rate END AS t_rate,
                           CASE WHEN a.assigns THEN x3.t_disp + (x4.t_accept - x3.t_disp) * 0.5 END AS t_assign,
                           CASE WHEN a.corrects THEN a.t0 + a.d_triage * 0.5 END AS t_corr) x9
CROSS JOIN LATERAL (SELECT CASE
    WHEN o.outcome = 'a' THEN CASE WHEN x1.t_triage <= $3 THEN 'archived' ELSE 'received' END
    WHEN o.outcome = 'f' THEN CASE WHEN x1.t_triage <= $3 THEN 'forwarded' ELSE 'received' END
    WHEN x8.t_close <= $3 THEN 'closed'
    WHEN x7.t_respond2 <= $3 THEN 'responded'
    WHEN x7.t_object <= $3 THEN 'in_progress'
    WHEN x6.t_respond <= $3 THEN 'responded'
    WHEN x5.t_reply <= $3 THEN 'in_progress'
    WHEN x5.t_reqinfo <= $3 THEN 'awaiting_reporter'
    WHEN x4.t_accept <= $3 THEN 'in_progress'
    WHEN x3.t_disp <= $3 THEN 'disposed'
    WHEN x2.t_return <= $3 THEN 'received'
    WHEN x1.t_triage <= $3 THEN 'disposed'
    ELSE 'received' END AS status) st`;

/** Deadline `n` working days after `ts` (domain/working-days.ts addWorkingDays), from the joined calendar rows. */
const due = (ts: string, cal: string, wd: string) =>
  `(CASE WHEN ${cal}.working THEN ${wd}.day + (${ts} AT TIME ZONE $2)::time ELSE ${wd}.day + time '23:59:59.999' END) AT TIME ZONE $2`;
const past = (ts: string) => `CASE WHEN ${ts} <= $1 THEN ${ts} END`;

/**
 * Step 3: the complaints. $1 now, $2 time zone, $3 subject titles, $4 bodies, $5 places, $6 names,
 * $7 kelurahan names (in the order of DRAWS' $8). bench_staff(opd_id, officer_id, head_id) holds
 * the synthetic staff. The access key of complaint <id> is "bench-<id>" (synthetic data only).
 */
export const COMPLAINTS = (skipCollisions: boolean) => `
INSERT INTO complaints (id, tracking_code, channel, title, body, category_id, kecamatan_id, kelurahan_id, address, lat, lon,
  incident_date, reporter_name, reporter_phone, reporter_email, reporter_nik, anonymous, confidential, status, opd_id, external_id,
  suggested_opd_id, suggested_external_id, previous_status, assigned_user_id, first_responded_at, responded_at, rating,
  access_key_hash, bounce_count, verification_due, first_response_due, resolution_due, created_at, updated_at)
SELECT g.id, 'BTM-' || k.code, g.channel::channel,
  left(replace(($3::text[])[g.subj], '{place}', ($5::text[])[g.place] || ' ' || ($7::text[])[g.kel]), 150),
  replace(($4::text[])[g.subj], '{place}', ($5::text[])[g.place] || ' ' || ($7::text[])[g.kel]),
  g.cat_id, g.kec_id, g.kel_id,
  CASE WHEN g.r_addr < 0.5 THEN 'Jl. ' || ($5::text[])[g.place2] || ' No. ' || (1 + floor(g.r_addr * 400))::int || ', ' || ($7::text[])[g.kel] END,
  CASE WHEN g.r_geo < 0.3 THEN round((1.0 + g.r_geo * 0.6)::numeric, 6)::float8 END,
  CASE WHEN g.r_geo < 0.3 THEN round((103.9 + g.r_addr * 0.2)::numeric, 6)::float8 END,
  CASE WHEN g.r_inc < 0.4 THEN ((g.t0 AT TIME ZONE $2)::date - floor(g.r_inc * 60)::int) END,
  CASE WHEN g.r_anon >= 0.25 OR g.r_inc < 0.5 THEN ($6::text[])[g.name] END,
  -- As intake stores them: E.164 (+62…).
  CASE WHEN g.r_phone < 0.65 THEN '+628' || (1000000000 + floor(g.r_phone * 1.3e10)::bigint % 9000000000)::text END,
  CASE WHEN g.r_mail < 0.35 THEN 'warga' || g.id || '@contoh.id' END,
  CASE WHEN g.r_mail > 0.9 THEN '2171' || lpad(floor(g.r_nik * 1e12)::bigint::text, 12, '0') END,
  g.r_anon < 0.25, g.r_conf < 0.08,
  g.status::complaint_status,
  CASE WHEN g.status IN ('received', 'archived', 'forwarded') THEN NULL WHEN g.t_disp2 <= $1 OR g.t_disp2 IS NULL THEN g.opd_final ELSE g.opd_first END,
  CASE WHEN g.status = 'forwarded' THEN coalesce(g.cat_ext, g.ext_rand) END,
  CASE WHEN g.t_return <= $1 THEN g.opd_final ELSE g.cat_opd END, g.cat_ext,
  CASE WHEN g.status = 'awaiting_reporter' THEN 'in_progress'::complaint_status END,
  CASE WHEN g.t_assign <= $1 AND g.status NOT IN ('received') THEN s.officer_id END,
  least(${past("g.t_reqinfo")}, ${past("g.t_respond")}),
  CASE WHEN g.status IN ('responded', 'closed') THEN coalesce(${past("g.t_respond2")}, g.t_respond) END,
  CASE WHEN g.t_rate <= $1 THEN g.rating END,
  encode(sha256(convert_to('bench-' || g.id, 'UTF8')), 'hex'),
  coalesce((g.t_return <= $1)::int, 0),
  ${due("g.t0", "cv", "wv")},
  CASE WHEN b.base IS NOT NULL THEN ${due("b.base", "cd", "wf")} END,
  CASE WHEN b.base IS NOT NULL THEN ${due("b.resbase", "cr", "wr")} END,
  g.t0,
  greatest(g.t0, nt.last_note, ${["g.t_corr", "g.t_triage", "g.t_return", "g.t_disp2", "g.t_assign", "g.t_accept", "g.t_reqinfo", "g.t_reply", "g.t_respond", "g.t_object", "g.t_respond2", "g.t_close", "g.t_rate"].map(past).join(", ")})
FROM bench_gen g
CROSS JOIN LATERAL (SELECT (g.id * 25214903917) # 733007751850 AS x) h
CROSS JOIN LATERAL (SELECT ${Array.from({ length: 8 }, (_, i) => `substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (((h.x % 1099511627776) >> ${35 - 5 * i}) & 31)::int + 1, 1)`).join(" || ")} AS code) k
-- The citizen's clocks start at the first disposition and run on through a return and a
-- re-disposition (domain/clock-rules.ts); only an objection opens a new resolution window.
CROSS JOIN LATERAL (SELECT CASE WHEN g.outcome = 'd' AND g.t_triage <= $1 THEN g.t_triage END AS base) b0
CROSS JOIN LATERAL (SELECT b0.base, CASE WHEN b0.base IS NOT NULL THEN coalesce(${past("g.t_object")}, b0.base) END AS resbase) b
-- the latest internal note that has happened (NOTES spreads them evenly over the OPD's work)
CROSS JOIN LATERAL (SELECT coalesce(g.t_reqinfo, g.t_respond, g.t_accept + interval '10 days') - g.t_accept AS span) ns
CROSS JOIN LATERAL (SELECT CASE WHEN g.t_accept <= $1 AND g.notes > 0 THEN g.t_accept + ns.span
    * least(g.notes, floor(extract(epoch FROM $1 - g.t_accept) / extract(epoch FROM ns.span) * (g.notes + 1))::int) / (g.notes + 1) END AS last_note) nt
LEFT JOIN bench_staff s ON s.opd_id = g.opd_final
LEFT JOIN bench_cal cv ON cv.day = (g.t0 AT TIME ZONE $2)::date
LEFT JOIN bench_wd wv ON wv.ord = cv.ord + g.sla_ver
LEFT JOIN bench_cal cd ON cd.day = (b.base AT TIME ZONE $2)::date
LEFT JOIN bench_wd wf ON wf.ord = cd.ord + g.sla_fr
LEFT JOIN bench_cal cr ON cr.day = (b.resbase AT TIME ZONE $2)::date
LEFT JOIN bench_wd wr ON wr.ord = cr.ord + g.sla_res
${skipCollisions ? "ON CONFLICT (tracking_code) DO NOTHING" : ""}`;

/** One kind of event: when it happens (null = never) and its columns, as SQL over bench_gen g. */
type EventKind = { at: string; action: string; actor: string; role: string; from: string; to: string; reason?: string; pub?: string; chan?: string; data?: string };
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const KINDS: EventKind[] = [
  { at: "g.t0", action: q("submit"), actor: "CASE WHEN f.offline THEN $2::int END", role: "CASE WHEN f.offline THEN 'coordinator' ELSE 'citizen' END", from: "NULL", to: q("received"), chan: "g.channel",
    data: "jsonb_build_object('route', CASE WHEN g.cat_opd IS NOT NULL OR g.cat_ext IS NOT NULL THEN 'category' ELSE 'none' END, 'attachments', 0)" },
  { at: "g.t_corr", action: q("correct"), actor: "$2::int", role: q("coordinator"), from: q("received"), to: q("received"),
    data: "jsonb_build_object('before', jsonb_build_object('kelurahanId', NULL), 'after', jsonb_build_object('kelurahanId', g.kel_id, 'kecamatanId', g.kec_id))" },
  { at: "g.t_triage", action: "CASE g.outcome WHEN 'a' THEN 'archive' WHEN 'f' THEN 'forward' ELSE 'dispose' END", actor: "$2::int", role: q("coordinator"), from: q("received"),
    to: "CASE g.outcome WHEN 'a' THEN 'archived' WHEN 'f' THEN 'forwarded' ELSE 'disposed' END", reason: `CASE g.outcome WHEN 'a' THEN ${q("Tidak dapat ditindaklanjuti.")} END`,
    data: `CASE g.outcome
       WHEN 'a' THEN jsonb_build_object('archiveReason', CASE WHEN g.r_arch < 0.3 THEN 'spam' WHEN g.r_arch < 0.7 THEN 'incomplete' ELSE 'out_of_scope' END)
       WHEN 'f' THEN jsonb_build_object('externalCode', x.code, 'targetName', x.name)
       ELSE jsonb_build_object('opdCode', o1.code, 'targetName', o1.name) END` },
  { at: "g.t_return", action: q("return"), actor: "s1.officer_id", role: q("opd_officer"), from: q("disposed"), to: q("received"), reason: q("Bukan kewenangan kami, mohon dialihkan ke instansi yang tepat."),
    data: "jsonb_build_object('fromOpdId', g.opd_first, 'suggestedOpdCode', o2.code, 'suggestedExternalCode', NULL)" },
  { at: "g.t_disp2", action: q("dispose"), actor: "$2::int", role: q("coordinator"), from: q("received"), to: q("disposed"), data: "jsonb_build_object('opdCode', o2.code, 'targetName', o2.name)" },
  { at: "g.t_assign", action: q("assign"), actor: "s2.head_id", role: q("opd_head"), from: q("disposed"), to: q("disposed"),
    data: "jsonb_build_object('assignedUserId', s2.officer_id, 'assigneeName', 'Petugas ' || o2.code)" },
  { at: "g.t_accept", action: q("accept"), actor: "s2.officer_id", role: q("opd_officer"), from: q("disposed"), to: q("in_progress") },
  { at: "g.t_reqinfo", action: q("request_info"), actor: "s2.officer_id", role: q("opd_officer"), from: q("in_progress"), to: q("awaiting_reporter"),
    pub: q("Mohon kirimkan foto dan titik lokasi yang lebih rinci agar petugas dapat menemukan tempatnya.") },
  // A reporter who never answers: the officer resumes without the answer.
  { at: "g.t_reply", action: "CASE WHEN g.noreply THEN 'resume' ELSE 'reporter_reply' END", actor: "CASE WHEN g.noreply THEN s2.officer_id END",
    role: "CASE WHEN g.noreply THEN 'opd_officer' ELSE 'reporter' END", from: q("awaiting_reporter"), to: q("in_progress"), chan: "CASE WHEN NOT g.noreply THEN 'web' END",
    data: `CASE WHEN NOT g.noreply THEN jsonb_build_object('message', ${q("Lokasinya tepat di samping pos ronda, foto sudah saya lampirkan.")}) END` },
  { at: "g.t_respond", action: q("respond"), actor: "s2.officer_id", role: q("opd_officer"), from: q("in_progress"), to: q("responded"),
    pub: q("Terima kasih atas laporan Anda. Petugas sudah turun ke lokasi dan masalah telah ditangani.") },
  { at: "g.t_object", action: q("object"), actor: "NULL", role: q("reporter"), from: q("responded"), to: q("in_progress"), reason: q("Masalahnya belum selesai, kondisi di lokasi masih sama."), chan: q("web") },
  { at: "g.t_respond2", action: q("respond"), actor: "s2.officer_id", role: q("opd_officer"), from: q("in_progress"), to: q("responded"),
    pub: q("Kami sudah kembali ke lokasi dan menyelesaikan perbaikan yang tersisa.") },
  { at: "g.t_close", action: "CASE WHEN g.reporter_closes THEN 'accept_response' ELSE 'auto_close' END", actor: "NULL", role: "CASE WHEN g.reporter_closes THEN 'reporter' ELSE 'system' END",
    from: q("responded"), to: q("closed"), chan: "CASE WHEN g.reporter_closes THEN 'web' END" },
  { at: "g.t_rate", action: q("rate"), actor: "NULL", role: q("reporter"), from: q("closed"), to: q("closed"), chan: q("web"), data: "jsonb_build_object('rating', g.rating)" },
];
const byKind = (col: keyof EventKind) => {
  const arms = KINDS.map((k, i) => [i + 1, k[col] ?? "NULL"] as const).filter(([, v]) => v !== "NULL");
  return arms.length ? `CASE e.k ${arms.map(([i, v]) => `WHEN ${i} THEN ${v}`).join(" ")} END` : "NULL";
};

/**
 * Step 4: the event log, one row per step that has happened. $1 now, $2 coordinator's user id.
 * The candidate steps are filtered on their time first; columns are built only for the kept ones.
 */
export const EVENTS = `
INSERT INTO complaint_events (complaint_id, created_at, action, actor_user_id, actor_role, from_status, to_status, reason, public_message, channel, data)
SELECT g.id, e.at, ${byKind("action")}, ${byKind("actor")}, ${byKind("role")}, (${byKind("from")})::complaint_status, (${byKind("to")})::complaint_status,
  ${byKind("reason")}, ${byKind("pub")}, (${byKind("chan")})::channel, ${byKind("data")}
FROM bench_gen g
LEFT JOIN bench_staff s1 ON s1.opd_id = g.opd_first
LEFT JOIN bench_staff s2 ON s2.opd_id = g.opd_final
LEFT JOIN opds o1 ON o1.id = g.opd_first
LEFT JOIN opds o2 ON o2.id = g.opd_final
LEFT JOIN external_institutions x ON x.id = coalesce(g.cat_ext, g.ext_rand)
CROSS JOIN LATERAL (SELECT g.channel IN ('walk_in', 'phone', 'letter', 'email', 'social') AS offline) f
CROSS JOIN LATERAL (VALUES ${KINDS.map((k, i) => `(${i + 1}, ${k.at})`).join(", ")}) e(k, at)
WHERE e.at <= $1`;

/** Internal notes while the OPD works on it (status in_progress throughout). $1 now. */
export const NOTES = `
INSERT INTO complaint_events (complaint_id, created_at, action, actor_user_id, actor_role, from_status, to_status, reason, channel)
SELECT g.id, n.at, 'note', s.officer_id, 'opd_officer', 'in_progress', 'in_progress', 'Catatan internal ' || n.k || ': koordinasi dengan tim lapangan.', NULL
FROM bench_gen g
LEFT JOIN bench_staff s ON s.opd_id = g.opd_final
CROSS JOIN LATERAL generate_series(1, g.notes) AS k(k)
CROSS JOIN LATERAL (SELECT k.k, g.t_accept + (coalesce(g.t_reqinfo, g.t_respond, g.t_accept + interval '10 days') - g.t_accept) * k.k / (g.notes + 1) AS at) n
WHERE g.t_accept IS NOT NULL AND n.at <= $1`;

/** Step 5: the outbox rows those events wrote, all delivered. $1 = highest event id before this run. */
export const OUTBOX = `
INSERT INTO outbox (topic, complaint_id, payload, dedupe_key, status, attempts, next_attempt_at, created_at, done_at, delivered_via)
SELECT m.topic, e.complaint_id,
  CASE WHEN m.topic = 'lapor.create_complaint' THEN jsonb_build_object('complaintId', e.complaint_id)
       WHEN m.topic = 'lapor.forward' THEN jsonb_build_object('externalCode', e.data->>'externalCode', 'eventId', e.id)
       WHEN m.ev IS NULL THEN jsonb_build_object('eventId', e.id)
       ELSE jsonb_build_object('event', m.ev, 'eventId', e.id) END,
  CASE WHEN m.topic = 'lapor.create_complaint' THEN m.topic || ':' || e.complaint_id ELSE m.topic || ':' || e.id END,
  'done', 1, e.created_at, e.created_at, e.created_at + interval '3 seconds', 'worker'
FROM complaint_events e
JOIN (VALUES ('submit', 'lapor.create_complaint', NULL), ('dispose', 'notify.reporter', 'disposed'), ('forward', 'lapor.forward', NULL),
             ('forward', 'notify.reporter', 'forwarded'), ('request_info', 'notify.reporter', 'info_requested'), ('respond', 'lapor.followup', NULL),
             ('respond', 'notify.reporter', 'responded'), ('accept_response', 'notify.reporter', 'closed'), ('auto_close', 'notify.reporter', 'closed')
     ) m(action, topic, ev) ON m.action = e.action
WHERE e.id > $1 AND NOT (m.topic = 'lapor.create_complaint' AND e.channel = 'lapor')`;

/**
 * Step 6: the at-risk moments and the auto-close deadline of the generated clocks, from the
 * deadlines on the working calendar (bench_cal, bench_wd). A clock of n working days is at risk
 * once 80 % of its working time is used, i.e. 0.2 n working days before its deadline (the same
 * moment domain/sla.ts clockWindow computes forwards from the start); the auto-close deadline of
 * a responded complaint is its category's auto-close working days after the response. Positions
 * count working days: the start of the working day with ordinal o is o - 1, a deadline at the end
 * of a day (a clock started on a non-working day) is its end, o. $1 time zone; the
 * optional filter narrows the rows (an existing database: only open complaints).
 */
export const CLOCK_MOMENTS = (where = "TRUE") => {
  const pos = (t: string, cal: string) =>
    `CASE WHEN NOT ${cal}.working OR (${t} AT TIME ZONE $1)::time = time '23:59:59.999' THEN ${cal}.ord
          ELSE ${cal}.ord - 1 + extract(epoch FROM (${t} AT TIME ZONE $1)::time) / 86400.0 END`;
  // The moment at working-day position p (an exact day boundary is the end of the day before, as addWorkingTime returns).
  const at = (p: string, wd: string) => `((${wd}.day + (${p} - (ceil(${p}) - 1)) * interval '1 day') AT TIME ZONE $1)`;
  const days = (clock: string, dflt: number) => `coalesce((k.sla->>'${clock}')::int, ${dflt})`;
  return `
UPDATE complaints c SET
  verification_risk_at = ${at("p.v", "rv")},
  first_response_risk_at = ${at("p.f", "rf")},
  resolution_risk_at = ${at("p.r", "rr")},
  auto_close_due = CASE WHEN c.status = 'responded' AND c.responded_at IS NOT NULL THEN
    (CASE WHEN ca.working THEN wa.day + (c.responded_at AT TIME ZONE $1)::time ELSE wa.day + time '23:59:59.999' END) AT TIME ZONE $1 END,
  paused_at = CASE WHEN c.status = 'awaiting_reporter' THEN coalesce(c.paused_at, c.updated_at) END
FROM complaints c0
LEFT JOIN categories k ON k.id = c0.category_id
LEFT JOIN bench_cal cv ON cv.day = (c0.verification_due AT TIME ZONE $1)::date
LEFT JOIN bench_cal cf ON cf.day = (c0.first_response_due AT TIME ZONE $1)::date
LEFT JOIN bench_cal cr ON cr.day = (c0.resolution_due AT TIME ZONE $1)::date
LEFT JOIN bench_cal ca ON ca.day = (c0.responded_at AT TIME ZONE $1)::date
CROSS JOIN LATERAL (SELECT
  ${pos("c0.verification_due", "cv")} - 0.2 * ${days("verification", 3)} AS v,
  ${pos("c0.first_response_due", "cf")} - 0.2 * ${days("firstResponse", 5)} AS f,
  ${pos("c0.resolution_due", "cr")} - 0.2 * ${days("resolution", 14)} AS r) p
LEFT JOIN bench_wd rv ON rv.ord = ceil(p.v)
LEFT JOIN bench_wd rf ON rf.ord = ceil(p.f)
LEFT JOIN bench_wd rr ON rr.ord = ceil(p.r)
LEFT JOIN bench_wd wa ON wa.ord = ca.ord + ${days("autoClose", 10)}
WHERE c.id = c0.id AND (${where})`;
};
