import { asc, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/domain/complaint-status";
import type { Action } from "@/domain/workflow";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import { validComplaint, wib } from "@/test/fixtures";
import { addStaff } from "@/test/staff";
import { BACKFILL, backfillCounts } from "./citizen-backfill";
import { dryRunMigrations, migrationStatements } from "./pending-migrations";
import { complaints } from "./schema";
import { opdClocks } from "./schema-sla";
import { testDatabases, type TestDatabase } from "@/test/databases";

const near = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : Math.abs(a.getTime() - b.getTime()) <= 1000);

// The backfill (migration 0015) must rebuild from the event log exactly what the workflow keeps:
// complaints walked through hand-offs by the workflow, then put back as the old workflow left
// them (restarted deadlines, no first disposition, no OPD shares), then migrated.
describe.each(testDatabases())("the citizen-deadline backfill on $name", (backend) => {
  let t: TestDatabase;
  const staff: Record<string, ActingParty> = {};
  const reporter: ActingParty = { kind: "reporter", channel: "web" };
  const codes: string[] = [];
  beforeAll(async () => {
    t = await backend.open();
    const make = async (email: string, role: Role, opd: string | null) => {
      staff[email] = await addStaff(t.db, email, role, opd);
    };
    await make("coord", "coordinator", null);
    await make("a", "opd_officer", "BINAMARGA");
    await make("b", "opd_officer", "DISDUKCAPIL");
    const file = async (at: string) => (await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: wib(at) })).trackingCode;
    const act = (code: string, action: Action, party: ActingParty, at: string, input: Record<string, unknown> = {}) =>
      performAction(t.db, { trackingCode: code, action, party, input, now: wib(at) });
    // Bounced after a pause, then answered, objected to and answered again.
    const one = await file("2026-03-02 10:00");
    await act(one, "dispose", staff.coord!, "2026-03-03 10:00", { opdCode: "BINAMARGA" });
    await act(one, "request_info", staff.a!, "2026-03-05 10:00", { message: "Mohon foto lokasinya." });
    await act(one, "reporter_reply", reporter, "2026-03-09 10:00", { message: "Sudah saya kirim." });
    await act(one, "return", staff.a!, "2026-03-12 10:00", { reason: "Bukan jalan kota, ini urusan kependudukan." });
    await act(one, "dispose", staff.coord!, "2026-03-13 10:00", { opdCode: "DISDUKCAPIL" });
    await act(one, "accept", staff.b!, "2026-03-16 10:00");
    await act(one, "respond", staff.b!, "2026-03-25 10:00", { message: "Data kependudukan Anda sudah kami perbaiki." });
    await act(one, "object", reporter, "2026-03-26 10:00", { reason: "Datanya masih salah di kantor." });
    // Re-disposed without a return, merged and unmerged, still open (Saturday disposition).
    const two = await file("2026-03-06 16:00");
    const primary = await file("2026-03-06 16:30");
    await act(two, "dispose", staff.coord!, "2026-03-07 09:00", { opdCode: "BINAMARGA" });
    await act(two, "redispose", staff.coord!, "2026-03-10 10:00", { opdCode: "DISDUKCAPIL", reason: "Salah OPD, ini kependudukan." });
    await act(two, "merge", staff.coord!, "2026-03-11 10:00", { primaryCode: primary });
    await act(two, "unmerge", staff.coord!, "2026-03-12 15:00");
    codes.push(one, two, primary);
  });
  afterAll(() => t?.dispose());

  const snapshot = async () => {
    const cs = await t.db.select().from(complaints).where(inArray(complaints.trackingCode, codes)).orderBy(asc(complaints.id));
    const ss = await t.db.select().from(opdClocks).where(inArray(opdClocks.complaintId, cs.map((c) => c.id))).orderBy(asc(opdClocks.startedAt));
    return { cs, ss };
  };

  it("counts in a dry run, changes nothing, then rebuilds what the workflow keeps", async () => {
    const truth = await snapshot();
    expect(truth.ss).toHaveLength(6);
    const ids = truth.cs.map((c) => c.id);
    // As the old workflow left them: deadlines restarted at the last hand-off, first response reset.
    await t.db.delete(opdClocks).where(inArray(opdClocks.complaintId, ids));
    await t.db.execute(sql`update complaints set first_disposed_at = null, first_responded_at = null,
      first_response_due = first_response_due + interval '9 days', resolution_due = resolution_due + interval '9 days'
      where id in ${ids} and first_disposed_at is not null`);
    const before = await snapshot();

    const dry = await dryRunMigrations(t.db, [BACKFILL], backfillCounts);
    expect(dry).toMatchObject({ moved: 2, resolution: 2, later: 0, shares: 6, bounces: 2 });
    expect(await snapshot()).toEqual(before);

    await t.db.transaction(async (tx) => {
      for (const s of migrationStatements(BACKFILL)) await tx.execute(sql.raw(s));
    });
    const after = await snapshot();
    for (const [i, c] of after.cs.entries()) {
      const want = truth.cs[i]!;
      expect([c.firstDisposedAt, c.firstRespondedAt, c.resolutionStartedAt]).toEqual([want.firstDisposedAt, want.firstRespondedAt, want.resolutionStartedAt]);
      for (const k of ["firstResponseDue", "firstResponseRiskAt", "resolutionDue", "resolutionRiskAt"] as const) expect(near(c[k], want[k]), `${c.trackingCode} ${k}: ${c[k]?.toISOString()} vs ${want[k]?.toISOString()}`).toBe(true);
    }
    expect(after.ss.map((s) => [s.complaintId, s.opdId, s.startedBy, s.startedAt, s.firstRespondedAt, s.endedAt, s.endReason, s.pausedMs])).toEqual(
      truth.ss.map((s) => [s.complaintId, s.opdId, s.startedBy, s.startedAt, s.firstRespondedAt, s.endedAt, s.endReason, s.pausedMs]),
    );
    for (const [i, s] of after.ss.entries()) {
      const want = truth.ss[i]!;
      for (const k of ["firstResponseDue", "firstResponseRiskAt", "resolutionDue", "resolutionRiskAt"] as const) expect(near(s[k], want[k]), `share ${i} ${k}`).toBe(true);
      expect(Math.abs((s.heldMs ?? 0) - (want.heldMs ?? 0))).toBeLessThanOrEqual(1000);
    }
  });
});
