import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshSlaFacts } from "@/db/queries/sla-facts";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { validComplaint, wib } from "@/test/fixtures";
import { intakeComplaint } from "./intake";
import { periodFigures } from "./sla-board";

describe.each(testDatabases())("the board's period figures on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const period = { start: wib("2031-07-01 00:00"), end: wib("2031-08-01 00:00"), timeZone: "Asia/Jakarta" };
  const add = (at: string) => intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib(at) });
  const jobRan = (at: string) =>
    t.db.execute(sql`insert into job_leases (name, last_ok_at) values ('sla.facts', ${wib(at).toISOString()}::timestamptz)
      on conflict (name) do update set last_ok_at = excluded.last_ok_at`);

  it("are kept per filter until the facts job has run again", async () => {
    await add("2031-07-07 10:00");
    await refreshSlaFacts(t.db, wib("2031-07-08 10:00"), "Asia/Jakarta");
    await jobRan("2031-07-08 10:00");
    const [first] = await periodFigures(t.db, period, period);
    expect(first.total.complaints).toBe(1);

    // Only the job writes the summary; until it reports another run, the figures are reused.
    await add("2031-07-09 10:00");
    await refreshSlaFacts(t.db, wib("2031-07-10 10:00"), "Asia/Jakarta");
    expect((await periodFigures(t.db, period, period))[0].total.complaints).toBe(1);
    await jobRan("2031-07-10 10:00");
    const [again, trend] = await periodFigures(t.db, period, period);
    expect(again.total.complaints).toBe(2);
    expect(trend).toEqual([expect.objectContaining({ month: "2031-07-01", complaints: 2 })]);
    // Another filter is another entry.
    expect((await periodFigures(t.db, { ...period, channel: "sms" }, period))[0].total.complaints).toBe(0);
  });
});
