import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints } from "@/db/schema";
import { slaFacts } from "@/db/schema-sla-stats";
import { jobLeases } from "@/db/schema-worker";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { intakeComplaint } from "@/server/intake";
import { validComplaint } from "@/test/fixtures";
import { runPeriodicNow } from "@/queue/run";
import "./sla-stats";

const quiet = { log: () => {} };

describe.each(testDatabases())("the sla.facts job on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const facts = async () => (await t.db.select({ n: count() }).from(slaFacts))[0]!.n;

  it("backfills every complaint once, then picks up new and changed ones, keeping its state", async () => {
    for (let i = 0; i < 3; i++) await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
    expect(await runPeriodicNow(t.db, "sla.facts", quiet)).toBe(true);
    expect(await facts()).toBe(3);
    const [lease] = await t.db.select().from(jobLeases).where(eq(jobLeases.name, "sla.facts"));
    expect(lease?.state).toMatchObject({ backfilled: true });

    const { trackingCode } = await intakeComplaint(t.db, { raw: validComplaint(), channel: "sms", region: "BTM", now: new Date() });
    await t.db.update(complaints).set({ rating: 4, updatedAt: new Date() }).where(eq(complaints.trackingCode, trackingCode));
    expect(await runPeriodicNow(t.db, "sla.facts", quiet)).toBe(true);
    expect(await facts()).toBe(4);
    const [row] = await t.db.select({ rating: slaFacts.rating, channel: slaFacts.channel }).from(slaFacts).innerJoin(complaints, eq(complaints.id, slaFacts.complaintId)).where(eq(complaints.trackingCode, trackingCode));
    expect(row).toEqual({ rating: 4, channel: "sms" });
  });
});
