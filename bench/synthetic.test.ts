import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clockWindow, slaPolicy } from "@/domain/sla";
import { addWorkingDays } from "@/domain/working-days";
import { decideSeed, ensureSyntheticStaff, generateSynthetic, MARK, type Mark } from "./synthetic";

const mark = (complaints: number, complete = true): Mark => ({ mark: MARK, complaints, complete, at: "2026-01-01T00:00:00Z" });

describe("decideSeed", () => {
  const o = { n: 1000, fresh: false, force: false };
  it("refuses a database with complaints it did not generate, unless forced", () => {
    expect(decideSeed({ exists: true, complaints: 5, mark: null }, o)).toBe("refuse");
    expect(decideSeed({ exists: true, complaints: 5, mark: null }, { ...o, force: true })).toBe("append");
  });
  it("creates a missing database and fills an empty unmarked one", () => {
    expect(decideSeed({ exists: false, complaints: 0, mark: null }, o)).toBe("create");
    expect(decideSeed({ exists: true, complaints: 0, mark: null }, o)).toBe("append");
  });
  it("reuses a complete synthetic database of the requested size, regenerates otherwise", () => {
    expect(decideSeed({ exists: true, complaints: 1000, mark: mark(1000) }, o)).toBe("reuse");
    expect(decideSeed({ exists: true, complaints: 1000, mark: mark(1000) }, { ...o, fresh: true })).toBe("recreate");
    expect(decideSeed({ exists: true, complaints: 500, mark: mark(500) }, o)).toBe("recreate");
    expect(decideSeed({ exists: true, complaints: 700, mark: mark(1000, false) }, o)).toBe("recreate");
  });
});

// The generator is PostgreSQL-only (set-based SQL, session settings): runs with TEST_DATABASE_URL.
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("synthetic data on PostgreSQL", () => {
  const name = `pintu_test_synth_${randomBytes(4).toString("hex")}`;
  const url = new URL(serverUrl ?? "postgres://x/y");
  url.pathname = `/${name}`;
  let admin: postgres.Sql;
  let sql: postgres.Sql;
  let result: Awaited<ReturnType<typeof generateSynthetic>>;
  const N = 3000;

  beforeAll(async () => {
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    await ensureSyntheticStaff(url.toString(), "BTM");
    result = await generateSynthetic(url.toString(), N, "BTM", "Asia/Jakarta");
    sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  }, 300_000);

  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await admin?.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin?.end({ timeout: 5 });
  });

  it("writes the complaints with ~8 events each, spread over states, channels and five years", async () => {
    expect(result.complaints).toBe(N);
    const [c] = await sql`select count(*)::int as n, count(distinct status)::int as statuses, count(distinct channel)::int as channels,
      count(distinct category_id)::int as categories, count(distinct kecamatan_id)::int as areas,
      extract(epoch from max(created_at) - min(created_at)) / 86400 as days from complaints`;
    expect(c!.n).toBe(N);
    expect(c!.statuses).toBeGreaterThanOrEqual(6);
    expect(c!.channels).toBeGreaterThanOrEqual(7);
    expect(c!.categories).toBeGreaterThanOrEqual(8);
    expect(c!.areas).toBeGreaterThanOrEqual(10);
    expect(Number(c!.days)).toBeGreaterThan(4 * 365);
    const [e] = await sql`select count(*)::int as n, count(*) filter (where created_at > now())::int as future from complaint_events`;
    expect(e!.n / N).toBeGreaterThan(6.5);
    expect(e!.n / N).toBeLessThan(10);
    expect(e!.future).toBe(0);
  });

  it("keeps every timeline a valid path whose last step is the complaint's status", async () => {
    const [first] = await sql`select count(*)::int as n from complaints c where (select action from complaint_events e where e.complaint_id = c.id order by created_at, id limit 1) is distinct from 'submit'`;
    expect(first!.n).toBe(0);
    const [broken] = await sql`select count(*)::int as n from (
      select from_status, lag(to_status) over w as prev, row_number() over w as rn from complaint_events window w as (partition by complaint_id order by created_at, id)) x
      where rn > 1 and from_status is distinct from prev`;
    expect(broken!.n).toBe(0);
    const [last] = await sql`select count(*)::int as n from complaints c
      cross join lateral (select to_status, created_at from complaint_events e where e.complaint_id = c.id order by created_at desc, id desc limit 1) l
      where l.to_status <> c.status or l.created_at <> c.updated_at`;
    expect(last!.n).toBe(0);
    const [opd] = await sql`select count(*)::int as n from complaints c
      cross join lateral (select data->>'opdCode' as code from complaint_events e where e.complaint_id = c.id and action = 'dispose' order by created_at desc limit 1) d
      where c.status in ('disposed', 'in_progress', 'awaiting_reporter', 'responded', 'closed') and c.opd_id is distinct from (select id from opds where code = d.code)`;
    expect(opd!.n).toBe(0);
  });

  it("writes the outbox rows of those events, all delivered", async () => {
    const [o] = await sql`select count(*) filter (where status <> 'done')::int as undone,
      count(*) filter (where topic = 'lapor.create_complaint')::int as created,
      (select count(*)::int from complaints where channel <> 'lapor') as expected from outbox`;
    expect(o!.undone).toBe(0);
    expect(o!.created).toBe(o!.expected);
    expect(result.outbox).toBeGreaterThan(N * 3);
  });

  it("computes the deadlines on the working calendar as the workflow does", async () => {
    const holidays = new Set((await sql<{ day: string }[]>`select day::text as day from holidays`).map((h) => h.day));
    const calendar = { timeZone: "Asia/Jakarta", holidays };
    // The citizen's clocks start at the first disposition and run on through a return and a
    // re-disposition (domain/clock-rules.ts); the reporter's last objection restarts resolution.
    const rows = await sql<{ created_at: Date; verification_due: Date; first_response_due: Date | null; resolution_due: Date | null; status: string; sla: Record<string, number> | null; disposed_at: Date | null; objected_at: Date | null }[]>`
      select c.created_at, c.verification_due, c.first_response_due, c.resolution_due, c.status, k.sla,
        (select min(created_at) from complaint_events e where e.complaint_id = c.id and e.action = 'dispose') as disposed_at,
        (select max(created_at) from complaint_events e where e.complaint_id = c.id and e.action = 'object') as objected_at
      from complaints c left join categories k on k.id = c.category_id order by c.id limit 400`;
    for (const r of rows) {
      const policy = slaPolicy(r.sla);
      expect(r.verification_due.getTime()).toBe(addWorkingDays(r.created_at, policy.verification, calendar).getTime());
      if (r.disposed_at) {
        expect(r.first_response_due?.getTime()).toBe(addWorkingDays(r.disposed_at, policy.firstResponse, calendar).getTime());
        expect(r.resolution_due?.getTime()).toBe(addWorkingDays(r.objected_at ?? r.disposed_at, policy.resolution, calendar).getTime());
      } else {
        expect(r.first_response_due).toBeNull();
      }
    }
    // The data has re-disposed complaints (~8 %), whose clocks keep their first start.
    const redisposed = await sql`select c.id from complaints c where (select count(*) from complaint_events e where e.complaint_id = c.id and e.action = 'dispose') > 1 order by c.id limit 1`;
    expect(redisposed.length).toBe(1);
    // The generator already agrees with the backfill (migration 0015) it runs: nothing moved.
    const [moved] = await sql`select count(*)::int as n from complaint_events where action = 'deadlines_recomputed'`;
    expect(moved!.n).toBe(0);
  });

  it("sets the at-risk moments, auto-close deadlines and pauses as the workflow does, and fills the SLA facts", async () => {
    const holidays = new Set((await sql<{ day: string }[]>`select day::text as day from holidays`).map((h) => h.day));
    const calendar = { timeZone: "Asia/Jakarta", holidays };
    type Row = { created_at: Date; status: string; sla: Record<string, number> | null; disposed_at: Date | null; objected_at: Date | null; responded_at: Date | null; paused_at: Date | null } & Record<
      "verification_risk_at" | "first_response_risk_at" | "resolution_risk_at" | "auto_close_due",
      Date | null
    >;
    const rows = await sql<Row[]>`
      select c.created_at, c.status, k.sla, c.responded_at, c.paused_at, c.verification_risk_at, c.first_response_risk_at, c.resolution_risk_at, c.auto_close_due,
        (select min(created_at) from complaint_events e where e.complaint_id = c.id and e.action = 'dispose') as disposed_at,
        (select max(created_at) from complaint_events e where e.complaint_id = c.id and e.action = 'object') as objected_at
      from complaints c left join categories k on k.id = c.category_id
      order by c.status in ('received', 'disposed', 'in_progress', 'awaiting_reporter', 'responded') desc, c.id limit 400`;
    const ms = (d: Date | null | undefined) => d?.getTime() ?? null;
    for (const r of rows) {
      const policy = slaPolicy(r.sla);
      expect(ms(r.verification_risk_at)).toBe(clockWindow(r.created_at, policy.verification, calendar).riskAt.getTime());
      if (r.disposed_at) {
        expect(ms(r.first_response_risk_at)).toBe(clockWindow(r.disposed_at, policy.firstResponse, calendar).riskAt.getTime());
        expect(ms(r.resolution_risk_at)).toBe(clockWindow(r.objected_at ?? r.disposed_at, policy.resolution, calendar).riskAt.getTime());
      }
      expect(ms(r.auto_close_due)).toBe(r.status === "responded" ? addWorkingDays(r.responded_at!, policy.autoClose, calendar).getTime() : null);
      expect(r.paused_at === null).toBe(r.status !== "awaiting_reporter");
    }
    const [f] = await sql`select (select count(*)::int from sla_facts) as facts, (select coalesce(sum(complaints), 0)::int from sla_daily where dims = 0) as summarised`;
    expect([f!.facts, f!.summarised]).toEqual([N, N]);
  });

  it("leaves the indexes and constraints of the schema in place", async () => {
    const idx = await sql<{ indexname: string }[]>`select indexname from pg_indexes where tablename in ('complaints', 'complaint_events', 'outbox')`;
    const names = idx.map((i) => i.indexname);
    for (const n of ["complaints_tracking_code_unique", "complaints_status_created_idx", "complaints_title_trgm_idx", "complaint_events_complaint_idx", "outbox_dedupe_key_unique", "outbox_pending_idx"]) {
      expect(names).toContain(n);
    }
    const leftovers = await sql`select tablename from pg_tables where tablename like 'bench\\_%'`;
    expect(leftovers).toHaveLength(0);
  });
});
