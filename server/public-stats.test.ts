import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { runPeriodicNow } from "@/queue/run";
import "@/jobs/sla-stats";
import { validComplaint } from "@/test/fixtures";
import { intakeComplaint } from "./intake";
import { publicStatsView } from "./public-stats";

const quiet = { log: () => {} };

/**
 * /statistik's figures follow the stored facts, not a per-process timer: every process (and host)
 * reading the same facts shows the same figures, and a refresh of the facts shows at once.
 */
describe.each(testDatabases())("public statistics on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const year = new Date().getFullYear();
  const intake = () => intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
  const complaintsShown = async () => (await publicStatsView(year, t.db)).total.complaints;

  it("are the stored facts' figures, kept only until the facts are refreshed", async () => {
    for (let i = 0; i < 2; i++) await intake();
    await runPeriodicNow(t.db, "sla.facts", quiet);
    const before = await complaintsShown();
    expect(before).toBeGreaterThanOrEqual(2);

    // New complaints count once the worker has refreshed the facts — not before, not 5 minutes later.
    await intake();
    expect(await complaintsShown()).toBe(before);
    await runPeriodicNow(t.db, "sla.facts", quiet);
    await expect.poll(complaintsShown, { timeout: 10_000 }).toBe(before + 1);
  });
});
