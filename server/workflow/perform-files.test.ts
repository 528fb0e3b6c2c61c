import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments, complaintEvents, complaints, opds, outbox, users } from "@/db/schema";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { JPEG, PDF, rejection, validComplaint, wib } from "@/test/fixtures";
import { prepareFiles, type StoredFile } from "@/server/attachment-images";
import { checkAttachments } from "@/server/attachments";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "./perform";

const NOW = wib("2026-03-02 10:00");

/** Staff files travel with their action: stored with its event in the same transaction, or not at all. */
describe.each(testDatabases())("staff files on actions on $name", (backend) => {
  let t: TestDatabase;
  let coord: ActingParty;
  let officer: ActingParty;
  let files: StoredFile[];
  beforeAll(async () => {
    t = await backend.open();
    const [opd] = await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, "DISDUKCAPIL"));
    const [c] = await t.db.insert(users).values({ email: "c@x", name: "c", role: "coordinator", passwordHash: "x" }).returning({ id: users.id });
    const [o] = await t.db.insert(users).values({ email: "o@x", name: "o", role: "opd_officer", opdId: opd!.id, passwordHash: "x" }).returning({ id: users.id });
    coord = { kind: "staff", userId: c!.id, role: "coordinator", opdId: null };
    officer = { kind: "staff", userId: o!.id, role: "opd_officer", opdId: opd!.id };
    const checked = await checkAttachments([{ name: "sesudah.jpg", bytes: JPEG }, { name: "surat.pdf", bytes: PDF }]);
    const stored = checked.ok ? await prepareFiles(checked.files, { keepMetadata: false }) : null;
    files = stored?.ok ? stored.files : [];
  });
  afterAll(() => t?.dispose());

  const inProgress = async () => {
    const { trackingCode } = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: NOW });
    await performAction(t.db, { trackingCode, action: "dispose", party: coord, input: { opdCode: "DISDUKCAPIL" }, now: NOW });
    await performAction(t.db, { trackingCode, action: "accept", party: officer, input: {}, now: NOW });
    return trackingCode;
  };

  it("stores the final answer's files with its event (public when asked), and the LAPOR follow-up is queued beside them", async () => {
    const code = await inProgress();
    const { eventId } = await performAction(t.db, {
      trackingCode: code,
      action: "respond",
      party: officer,
      input: { message: "Jalan sudah kami perbaiki; foto sesudah perbaikan terlampir." },
      now: NOW,
      files: { files, public: true },
    });
    const rows = await t.db.select().from(attachments).where(eq(attachments.eventId, eventId));
    expect(rows.map((r) => [r.fileName, r.source, r.public, r.uploadedBy])).toEqual([
      ["sesudah.jpg", "staff", true, (officer as { userId: number }).userId],
      ["surat.pdf", "staff", true, (officer as { userId: number }).userId],
    ]);
    const [event] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.id, eventId));
    expect(event!.action).toBe("respond");
    const queued = await t.db.select({ topic: outbox.topic }).from(outbox).where(eq(outbox.dedupeKey, `lapor.followup:${eventId}`));
    expect(queued).toHaveLength(1);
  });

  it("refuses files on an action that does not take them, writing nothing", async () => {
    const code = await inProgress();
    const before = await countRows(t.db);
    const err = await rejection(performAction(t.db, { trackingCode: code, action: "note", party: officer, input: { text: "catatan" }, now: NOW, files: { files, public: false } }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as unknown as ValidationError).fieldErrors).toEqual({ attachments: ["filesNotAllowed"] });
    expect(await countRows(t.db)).toEqual(before);
  });

  it("writes neither the answer nor its files when the answer is invalid", async () => {
    const code = await inProgress();
    const before = await countRows(t.db);
    await rejection(performAction(t.db, { trackingCode: code, action: "respond", party: officer, input: { message: "pendek" }, now: NOW, files: { files, public: false } }));
    expect(await countRows(t.db)).toEqual(before);
    const [c] = await t.db.select({ status: complaints.status }).from(complaints).where(eq(complaints.trackingCode, code));
    expect(c!.status).toBe("in_progress");
  });
});
