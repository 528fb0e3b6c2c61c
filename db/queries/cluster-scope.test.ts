import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, opds, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import type { Role } from "@/domain/complaint-status";
import { REDACTED } from "@/domain/redact";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import { validComplaint, wib } from "@/test/fixtures";
import { mergedInto } from "./staff-complaints";

const NOW = wib("2026-03-02 10:00");

// A merged cluster's list on the primary's page shows each reader only the duplicates they may
// open (issue 12: another OPD's officer saw a Disdukcapil duplicate's code and title), and an
// anonymous duplicate's title as that reader may read it.
describe.each(testDatabases())("cluster list on $name", (backend) => {
  let h: TestDatabase;
  const staff: Record<string, ActingParty & { kind: "staff" }> = {};
  beforeAll(async () => {
    h = await backend.open();
    const make = async (email: string, role: Role, opd: string | null) => {
      const opdId = opd ? (await h.db.select({ id: opds.id }).from(opds).where(eq(opds.code, opd)))[0]!.id : null;
      const [u] = await h.db.insert(users).values({ email, name: email, role, opdId, passwordHash: "x" }).returning({ id: users.id });
      staff[email] = { kind: "staff", userId: u!.id, role, opdId };
    };
    await make("coord", "coordinator", null);
    await make("bm", "opd_officer", "BINAMARGA");
    await make("dk", "opd_officer", "DISDUKCAPIL");
  });
  afterAll(() => h?.dispose());

  it("lists only the duplicates the reader may open", async () => {
    const file = async (extra: Record<string, unknown>) => (await intakeComplaint(h.db, { raw: validComplaint(extra), channel: "web", region: "BTM", now: NOW })).trackingCode;
    const act = (code: string, action: Parameters<typeof performAction>[1]["action"], input: Record<string, unknown>) =>
      performAction(h.db, { trackingCode: code, action, party: staff.coord!, input, now: NOW });
    const primary = await file({ title: "Jalan berlubang di depan kantor camat" });
    const sameOpd = await file({ title: "Jalan rusak dekat kantor camat, lapor Rahmat", reporterName: "Rahmat Hidayat", anonymous: true });
    const otherOpd = await file({ title: "KTP-el belum jadi, warga kantor camat" });
    await act(primary, "dispose", { opdCode: "BINAMARGA" });
    await act(sameOpd, "dispose", { opdCode: "BINAMARGA" });
    await act(otherOpd, "dispose", { opdCode: "DISDUKCAPIL" });
    await act(sameOpd, "merge", { primaryCode: primary });
    await act(otherOpd, "merge", { primaryCode: primary });
    const [p] = await h.db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, primary));

    const scope = (who: string) => ({ role: staff[who]!.role, opdId: staff[who]!.opdId });
    expect((await mergedInto(h.db, p!.id, scope("coord"))).map((r) => r.trackingCode)).toEqual([sameOpd, otherOpd]);
    const forBinaMarga = await mergedInto(h.db, p!.id, scope("bm"));
    expect(forBinaMarga.map((r) => r.trackingCode)).toEqual([sameOpd]);
    expect(JSON.stringify(forBinaMarga)).not.toContain(otherOpd);
    expect((await mergedInto(h.db, p!.id, scope("dk"))).map((r) => r.trackingCode)).toEqual([otherOpd]);
    // The anonymous duplicate's title names nobody to the OPD; no identity field comes along.
    const rmh = await mergedInto(h.db, p!.id, { role: "opd_officer", opdId: staff.bm!.opdId });
    expect(rmh[0]).toEqual({ trackingCode: sameOpd, title: `Jalan rusak dekat kantor camat, lapor ${REDACTED}`, opdId: staff.bm!.opdId, anonymous: true });
  });
});
