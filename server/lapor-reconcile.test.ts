import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, outbox, users } from "@/db/schema";
import { laporQuarantine } from "@/db/schema-lapor";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { setLaporConfig } from "@/integrations/lapor";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { validComplaint, wib, testActor } from "@/test/fixtures";
import { intakeComplaint } from "./intake";
import { lastReconcile, reconcile } from "./lapor-reconcile";
import { laporReader } from "./lapor-status";

const NOW = wib("2026-03-02 10:00");

describe.each(testDatabases())("reconciliation against the LAPOR simulator on $name", (backend) => {
  let h: TestDatabase;
  let sim: LaporSim;
  let userId: number;
  beforeAll(async () => {
    h = await backend.open();
    sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171" });
    setLaporConfig({ baseUrl: sim.url, apiKey: "k", token: "t", institutionId: "2171", timeoutMs: 15_000 });
    const [u] = await h.db.insert(users).values({ email: "k@x", name: "K", role: "coordinator", passwordHash: "x" }).returning({ id: users.id });
    userId = u!.id;
  });
  afterAll(async () => {
    setLaporConfig(undefined);
    await sim?.close();
    await h?.dispose();
  });

  const linked = async (laporId: string, minutesLater: number) => {
    const { trackingCode } = await intakeComplaint(h.db, { raw: validComplaint(), channel: "web", region: "BTM", now: NOW });
    await h.db.update(complaints).set({ laporId, updatedAt: new Date(NOW.getTime() + minutesLater * 60_000) }).where(eq(complaints.trackingCode, trackingCode));
    return trackingCode;
  };

  it("reports complaints whose status differs, or that LAPOR does not know, within its call budget", async () => {
    sim.store.reset();
    sim.setFaults({ errorRate: 0, timeoutRate: 0, rateLimitRate: 0, unauthorized: false, lostResponseRate: 0, version: "v3", latencyMs: 0 });
    const same = sim.store.createDisposed({});
    same.status_code = 0; // LAPOR "belum diverifikasi" ~ Pintu "received"
    const differs = sim.store.createDisposed({});
    differs.status_code = 4; // LAPOR says finished, Pintu still has it as received
    const codes = { same: await linked(String(same.id), 3), differs: await linked(String(differs.id), 2), missing: await linked("999999", 1) };
    await linked("888888", -10); // changed longest ago: beyond a budget of 3
    await intakeComplaint(h.db, { raw: validComplaint(), channel: "web", region: "BTM", now: NOW }); // not in LAPOR yet

    const fetcher = laporReader(h.db)!;
    const report = await reconcile(h.db, fetcher, { actor: testActor(userId), now: NOW, budget: 3 });
    expect(report).toMatchObject({ checked: 3, notChecked: 1 });
    expect(report.differences, JSON.stringify(report.differences)).toHaveLength(2);
    expect(report.differences).toEqual(
      expect.arrayContaining([
        { trackingCode: codes.differs, laporId: String(differs.id), pintuStatus: "received", laporStatus: 4, problem: "status_differs" },
        { trackingCode: codes.missing, laporId: "999999", pintuStatus: "received", laporStatus: null, problem: "missing_in_lapor" },
      ]),
    );
    expect(report.notYetInLapor).toBe(1);
    expect(await lastReconcile(h.db)).toMatchObject({ checked: 3, differences: report.differences });
  });

  it("lists LAPOR complaints that hold one Pintu answer twice (the damage of a lost answer sent again)", async () => {
    sim.store.reset();
    sim.setFaults({ version: "v3", unauthorized: false, variant: { statusNames: true, stringIds: false, omitOptional: false, extraFields: false, reporterArray: false } });
    const twice = sim.store.createDisposed({});
    const once = sim.store.createDisposed({});
    const code = { twice: await linked(String(twice.id), 30), once: await linked(String(once.id), 31) };
    const answer = (c: typeof twice, eventId: number) =>
      sim.store.addFollowup(c, { institution_from_id: "2171", institution_to_id: "2171", institution_from_name: "Dinas", institution_to_name: "Kota", content: `Sudah diperbaiki.\n\n[Ref. Pintu ${eventId}]`, status_new: 3, template_code: "tindak_lanjut", rating: null, author_type: "institution", is_secret: false, attachment_ids: [] });
    const [a, b] = [answer(twice, 9001), answer(twice, 9001)];
    answer(once, 9002);
    sim.store.addReporterFollowup(once, "Terima kasih, tapi [Ref. Pintu 9002] belum selesai.", null); // a reporter quoting it is no copy
    for (const trackingCode of [code.twice, code.once]) {
      const [c] = await h.db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, trackingCode));
      await h.db.insert(outbox).values({ topic: "lapor.followup", complaintId: c!.id, payload: {}, status: "done", doneAt: new Date(), dedupeKey: `test:${trackingCode}` });
    }
    const report = await reconcile(h.db, laporReader(h.db)!, { actor: testActor(userId), now: NOW, budget: 10 });
    expect(report.duplicates).toEqual([{ trackingCode: code.twice, laporId: String(twice.id), eventId: 9001, copies: 2, laporFollowupIds: [String(a.id), String(b.id)] }]);
    expect(report).toMatchObject({ answersChecked: 2, answersNotChecked: 0 });
    expect((await lastReconcile(h.db))!.duplicates).toHaveLength(1);
  });

  it("counts an unreachable LAPOR as failed fetches, and quarantines a reply of a new version", async () => {
    sim.setFaults({ version: "v4" });
    const report = await reconcile(h.db, laporReader(h.db)!, { actor: testActor(userId), now: NOW, budget: 2 });
    expect(report.differences.map((d) => d.problem)).toEqual(expect.arrayContaining(["fetch_failed"]));
    expect((await h.db.select().from(laporQuarantine)).length).toBeGreaterThanOrEqual(1);
    sim.setFaults({ version: "v3", unauthorized: true });
    const refused = await reconcile(h.db, laporReader(h.db)!, { actor: testActor(userId), now: NOW, budget: 2 });
    expect(refused.differences.map((d) => d.problem)).toEqual(["fetch_failed", "fetch_failed"]);
    sim.setFaults({ unauthorized: false });
  });
});
