import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays, addWorkingTime, type WorkingCalendar } from "@/domain/working-days";
import { BACKFILL } from "./citizen-backfill";
import { dryRunMigrations, migrationStatements } from "./pending-migrations";
import { rowsOf } from "./raw";
import { testDatabases, type TestDatabase } from "@/test/databases";

/** A small seeded generator (mulberry32): the same "random" calendars on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const CALENDARS = 12;
const INSTANTS = 400;

// The working-day arithmetic the backfill migration does in SQL (its pg_temp.wd_* helpers) must
// agree with domain/working-days.ts: checked over generated calendars (random holidays, clusters
// like Lebaran's) and instants (any time of day, weekends and holidays included).
describe.each(testDatabases())("working days in the backfill's SQL against addWorkingDays on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const helpers = migrationStatements(BACKFILL).filter((s) => /^(--[^\n]*\n)*\s*CREATE (TEMP TABLE pintu_cal|INDEX pintu_cal|FUNCTION pg_temp\.wd_)/.test(s));

  it("has the calendar and its three functions", () => {
    expect(helpers).toHaveLength(6);
  });

  it(`agrees on ${CALENDARS} calendars × ${INSTANTS} instants, within a millisecond`, async () => {
    const today = new Date();
    for (let k = 0; k < CALENDARS; k++) {
      const rnd = random(1000 + k);
      // Holidays over the next year: scattered days plus one run of up to 7 (cuti bersama).
      const days = new Set<string>();
      const iso = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
      for (let i = 0; i < 5 + Math.floor(rnd() * 25); i++) days.add(iso(today.getTime() + Math.floor(rnd() * 400) * DAY));
      const run = today.getTime() + Math.floor(rnd() * 300) * DAY;
      for (let i = 0; i < 1 + Math.floor(rnd() * 7); i++) days.add(iso(run + i * DAY));
      const calendar: WorkingCalendar = { timeZone: "Asia/Jakarta", holidays: days };
      const cases = Array.from({ length: INSTANTS }, () => ({
        at: new Date(today.getTime() - 10 * DAY + Math.floor(rnd() * 320 * DAY)),
        n: 1 + Math.floor(rnd() * 20),
        ms: Math.floor(rnd() * 30 * DAY),
      }));
      const got = await dryRunMigrations(t.db, [], async (tx) => {
        await tx.execute(sql`delete from holidays`);
        await tx.execute(sql`insert into holidays (day, name, kind) select d::date, 'uji', 'local' from unnest(${`{${[...days].join(",")}}`}::date[]) d`);
        for (const s of helpers) await tx.execute(sql.raw(s));
        return rowsOf<{ due: string | Date; later: string | Date }>(
          await tx.execute(sql`
            select pg_temp.wd_at(pg_temp.wd_pos(u.t) + u.n, not pg_temp.wd_working(u.t)) as due,
                   pg_temp.wd_at(pg_temp.wd_pos(u.t) + u.ms / 86400000.0, false) as later
            from unnest(${`{${cases.map((c) => c.at.toISOString()).join(",")}}`}::timestamptz[], ${`{${cases.map((c) => c.n).join(",")}}`}::int[],
                        ${`{${cases.map((c) => c.ms).join(",")}}`}::float8[]) with ordinality u(t, n, ms, i)
            order by u.i`),
        );
      });
      expect(got).toHaveLength(INSTANTS);
      const off = cases.flatMap((c, i) => {
        const due = new Date(got[i]!.due).getTime() - addWorkingDays(c.at, c.n, calendar).getTime();
        const later = new Date(got[i]!.later).getTime() - addWorkingTime(c.at, c.ms, calendar).getTime();
        return !(Math.abs(due) <= 1 && Math.abs(later) <= 1) ? [{ at: c.at.toISOString(), n: c.n, ms: c.ms, due, later }] : [];
      });
      expect(off, `calendar ${k}`).toEqual([]);
    }
  });
});
