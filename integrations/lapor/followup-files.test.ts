import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, opds, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { drainOnce } from "@/queue/run";
import { startLaporSim, type LaporSim } from "@/lapor-sim/server";
import { prepareFiles } from "@/server/attachment-images";
import { checkAttachments } from "@/server/attachments";
import { intakeComplaint } from "@/server/intake";
import { performAction, type ActingParty } from "@/server/workflow/perform";
import { JPEG, PDF, validComplaint } from "@/test/fixtures";
import { setLaporConfig } from "./config";
import "./jobs";

const TOPICS = ["lapor.create_complaint", "lapor.followup", "lapor.forward"];

/** The files staff attach to the final answer travel to LAPOR with its follow-up (`attachment[i]`). */
describe.each(testDatabases())("LAPOR follow-up with files on $name", (backend) => {
  let t: TestDatabase;
  let sim: LaporSim;
  const cfg = () => ({ baseUrl: sim.url, apiKey: "k", token: "t", institutionId: "2171", timeoutMs: 15_000 });

  beforeAll(async () => {
    t = await backend.open();
    sim = await startLaporSim({ apiKey: "k", token: "t", institutionId: "2171", externals: [] });
    setLaporConfig(cfg());
  });
  afterAll(async () => {
    setLaporConfig(undefined);
    await sim?.close();
    await t?.dispose();
  });

  it("uploads the answer's files and posts their LAPOR ids with the follow-up", { timeout: 60_000 }, async () => {
    const [dukcapil] = await t.db.select({ id: opds.id }).from(opds).where(eq(opds.code, "DISDUKCAPIL"));
    const [c] = await t.db.insert(users).values({ email: "k@x", name: "K", role: "coordinator", passwordHash: "x" }).returning();
    const [o] = await t.db.insert(users).values({ email: "o@x", name: "O", role: "opd_officer", opdId: dukcapil!.id, passwordHash: "x" }).returning();
    const coord: ActingParty = { kind: "staff", userId: c!.id, role: "coordinator", opdId: null };
    const officer: ActingParty = { kind: "staff", userId: o!.id, role: "opd_officer", opdId: dukcapil!.id };
    const r = await intakeComplaint(t.db, { raw: validComplaint(), channel: "web", region: "BTM", now: new Date() });
    expect(await drainOnce(t.db, { topics: TOPICS })).toMatchObject({ delivered: 1 });
    const [local] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, r.trackingCode));
    await performAction(t.db, { complaintId: local!.id, action: "dispose", party: coord, input: { opdCode: "DISDUKCAPIL" }, now: new Date() });
    await performAction(t.db, { complaintId: local!.id, action: "accept", party: officer, input: {}, now: new Date() });
    const checked = await checkAttachments([{ name: "sesudah.jpg", bytes: JPEG }, { name: "surat.pdf", bytes: PDF }]);
    const stored = checked.ok ? await prepareFiles(checked.files, { keepMetadata: false }) : null;
    if (!stored?.ok) throw new Error("fixtures did not pass the attachment checks");
    await performAction(t.db, { complaintId: local!.id, action: "respond", party: officer, input: { message: "Jalan sudah kami tambal, foto terlampir." }, now: new Date(), files: { files: stored.files, public: false } });
    expect(await drainOnce(t.db, { topics: TOPICS })).toMatchObject({ delivered: 1, dead: 0 });

    const [answer] = sim.store.followupsOf(Number(local!.laporId));
    expect(answer!.attachment_ids).toHaveLength(2);
    expect(answer!.attachment_ids.map((id) => sim.store.files.get(id)?.name)).toEqual(["sesudah.jpg", "surat.pdf"]);
  });
});
