import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, opds, users } from "@/db/schema";
import { answerTemplates } from "@/db/schema-templates";
import { testDatabases, type TestDatabase } from "./databases";
import { ValidationError } from "@/lib/errors";
import { saveTemplateFromForm, templateChoices, templateEditor } from "@/server/templates";

const form = (over: Record<string, unknown> = {}) => ({ purpose: "respond", title: "Selesai", bodyId: "Yth. {nama}, aduan {kode} selesai ditangani {opd}.", bodyEn: "Dear {nama}, complaint {kode} is resolved.", opdCode: "", categoryCode: "", active: true, ...over });
const facts = { reporterName: null, code: "BTM-AAAA2222", submittedOn: "1 Desember 2026", today: "2 Desember 2026", opd: "Dinas Bina Marga", category: "Jalan" };

describe.each(testDatabases())("answer templates on $name", (backend) => {
  let t: TestDatabase;
  let dukcapil: number;
  let binamarga: number;
  beforeAll(async () => {
    t = await backend.open();
    dukcapil = (await t.db.select().from(opds).where(eq(opds.code, "DISDUKCAPIL")))[0]!.id;
    binamarga = (await t.db.select().from(opds).where(eq(opds.code, "BINAMARGA")))[0]!.id;
    uid = (await t.db.insert(users).values({ email: "templat@pintu.test", name: "T", role: "admin", passwordHash: "x" }).returning({ id: users.id }))[0]!.id;
  });
  let uid = 0;
  const testActor = (_: number, role: string) => ({ userId: uid, role, address: "192.0.2.1" });
  afterAll(() => t?.dispose());

  it("admins and OPD heads edit; a head only their own OPD's, whatever the form says", async () => {
    expect(templateEditor({ role: "opd_officer", opdId: dukcapil })).toBeNull();
    expect(templateEditor({ role: "coordinator", opdId: null })).toBeNull();
    const head = templateEditor({ role: "opd_head", opdId: dukcapil })!;
    const id = await saveTemplateFromForm(t.db, head, form({ opdCode: "BINAMARGA" }), testActor(1, "opd_head"));
    const [row] = await t.db.select().from(answerTemplates).where(eq(answerTemplates.id, id));
    expect(row!.opdId).toBe(dukcapil);
    const adminId = await saveTemplateFromForm(t.db, { all: true }, form({ opdCode: "BINAMARGA", purpose: "request_info" }), testActor(1, "admin"));
    // Another OPD's head cannot edit it.
    await expect(saveTemplateFromForm(t.db, templateEditor({ role: "opd_head", opdId: dukcapil })!, form(), testActor(1, "opd_head"), adminId)).rejects.toBeInstanceOf(ValidationError);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "template.create"));
    expect(audits.map((a) => a.targetId)).toEqual(expect.arrayContaining([String(id), String(adminId)]));
  });

  it("refuses unknown placeholders and short texts, naming each field", async () => {
    const short = (await saveTemplateFromForm(t.db, { all: true }, form({ title: "x", bodyId: "pendek" }), testActor(1, "admin")).catch((e: unknown) => e)) as ValidationError;
    expect(short.fieldErrors).toMatchObject({ title: ["tooShort|3"], bodyId: ["tooShort|10"] });
    const unknown = (await saveTemplateFromForm(t.db, { all: true }, form({ bodyId: "Yth. {namaa}, terima kasih." }), testActor(1, "admin")).catch((e: unknown) => e)) as ValidationError;
    expect(unknown.fieldErrors).toEqual({ bodyId: ["unknownPlaceholder|namaa"] });
  });

  it("offers a complaint's form the city's and its OPD's templates, and fills one without naming an anonymous reporter", async () => {
    const city = await saveTemplateFromForm(t.db, { all: true }, form({ title: "Untuk semua" }), testActor(1, "admin"));
    const mine = await saveTemplateFromForm(t.db, { all: true }, form({ title: "Bina Marga", opdCode: "BINAMARGA" }), testActor(1, "admin"));
    const other = await saveTemplateFromForm(t.db, { all: true }, form({ title: "Dukcapil", opdCode: "DISDUKCAPIL" }), testActor(1, "admin"));
    const choices = await templateChoices(t.db, ["respond"], { opdId: binamarga, categoryId: null }, { templat: `${mine}-en`, untuk: "respond" }, facts);
    const values = choices.respond!.options.map((o) => o.value);
    expect(values).toEqual(expect.arrayContaining([String(city), String(mine), `${mine}-en`]));
    expect(values).not.toContain(String(other));
    expect(choices.respond).toMatchObject({ chosen: `${mine}-en`, templateId: mine, text: "Dear Sir/Madam, complaint BTM-AAAA2222 is resolved." });
    // Another OPD's template is not filled in, even when asked for by id.
    const refused = await templateChoices(t.db, ["respond"], { opdId: binamarga, categoryId: null }, { templat: String(other), untuk: "respond" }, facts);
    expect(refused.respond!.text).toBeNull();
    expect(choices.request_info).toBeUndefined();
  });
});
