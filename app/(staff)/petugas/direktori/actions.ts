"use server";

import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/action";
import { AppError, ValidationError } from "@/lib/errors";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { addArea, mergeArea, renameArea, setAreaActive } from "@/server/directory/areas";
import { saveCategory, setCategoryActive, setCategoryKeywords } from "@/server/directory/categories";
import { saveInstitution, setInstitutionActive } from "@/server/directory/institutions";
import { saveOpd, setOpdActive } from "@/server/directory/opds";
import { saveRoutingRule, setRoutingRuleActive } from "@/server/directory/rules";
import { requireStaff, type Staff } from "@/server/staff";

/**
 * Every directory write: administrators only (checked here, whatever the page showed), on the
 * one staff-form wrapper (lib/action.ts). The form's fields pass as typed to server/directory/*,
 * which decides what is valid and names every refused field; the form keeps them beside their
 * fields with what was typed (components/directory/form.tsx). Success redirects to the saved entry.
 */
const BASE = "/petugas/direktori";
const admin = () => requireStaff("admin.manage");

/** An entry's id in a hidden field. */
const idField = z.string().regex(/^[1-9]\d{0,9}$/).transform(Number);
const fields = z.record(z.string(), z.string());
/** Create (no id) or save (id) one entry: its id, if any, and all its fields as typed. */
const entry = fields.transform((f, ctx) => {
  if (!f.id) return { id: undefined, f };
  const parsed = idField.safeParse(f.id);
  if (parsed.success) return { id: parsed.data, f };
  ctx.addIssue({ code: "custom", message: "id" });
  return z.NEVER;
});
const toggle = z.object({ id: idField, active: z.enum(["0", "1"]).transform((a) => a === "1") });
const level = z.enum(["kecamatan", "kelurahan"]);
const done = (active: boolean) => (active ? "activated" : "deactivated");
type Actor = { actor: Awaited<ReturnType<typeof auditActor>>; now: Date };

/**
 * Builds one directory action: malformed hidden fields (id, level, active) are a page that does
 * not exist (404, like a wrong URL); `write` runs with the audit actor and returns where to go;
 * a row that is gone is 404 too.
 */
function directoryAction<S extends z.ZodType>(schema: S, write: (input: z.output<S>, actor: Actor) => Promise<string>) {
  return formAction({ authorise: admin, schema: fields }, async (raw, staff: Staff): Promise<null> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) notFound();
    let target: string;
    try {
      target = await write(parsed.data, { actor: await auditActor(staff), now: new Date() });
    } catch (err) {
      if (err instanceof AppError && err.status === 404) notFound();
      throw err;
    }
    redirect(target);
  });
}

export const saveOpdAction = directoryAction(entry, async ({ id, f }, actor) => {
  const saved = await saveOpd(getDb(), id ? { id } : { code: f.code ?? "" }, f, actor);
  return `${BASE}/opd/${saved.id}?done=${id ? "saved" : "created"}`;
});

export const opdActiveAction = directoryAction(toggle, async ({ id, active }, actor) => {
  await setOpdActive(getDb(), id, active, actor);
  return `${BASE}/opd/${id}?done=${done(active)}`;
});

export const saveCategoryAction = directoryAction(entry, async ({ id, f }, actor) => {
  const saved = await saveCategory(getDb(), id ? { id } : { code: f.code ?? "" }, f, actor);
  return `${BASE}/kategori/${saved.id}?done=${id ? "saved" : "created"}`;
});

export const categoryActiveAction = directoryAction(toggle, async ({ id, active }, actor) => {
  await setCategoryActive(getDb(), id, active, actor);
  return `${BASE}/kategori/${id}?done=${done(active)}`;
});

export const keywordsAction = directoryAction(z.object({ id: idField, keywords: z.string().default("") }), async ({ id, keywords }, actor) => {
  await setCategoryKeywords(getDb(), id, keywords, actor);
  return `${BASE}/rute?done=saved#kw-${id}`;
});

export const saveInstitutionAction = directoryAction(entry, async ({ id, f }, actor) => {
  const saved = await saveInstitution(getDb(), id ? { id } : { code: f.code ?? "" }, f, actor);
  return `${BASE}/lembaga/${saved.id}?done=${id ? "saved" : "created"}`;
});

export const institutionActiveAction = directoryAction(toggle, async ({ id, active }, actor) => {
  await setInstitutionActive(getDb(), id, active, actor);
  return `${BASE}/lembaga/${id}?done=${done(active)}`;
});

export const addAreaAction = directoryAction(z.object({ name: z.string().default(""), kecamatanId: idField.optional() }), async ({ name, kecamatanId }, actor) => {
  const added = await addArea(getDb(), { name, kecamatanId }, actor);
  return `${BASE}/wilayah/${kecamatanId ? "kelurahan" : "kecamatan"}/${added.id}?done=created`;
});

export const renameAreaAction = directoryAction(z.object({ level, id: idField, name: z.string().default("") }), async ({ level, id, name }, actor) => {
  await renameArea(getDb(), level, id, name, actor);
  return `${BASE}/wilayah/${level}/${id}?done=saved`;
});

export const areaActiveAction = directoryAction(toggle.extend({ level }), async ({ level, id, active }, actor) => {
  await setAreaActive(getDb(), level, id, active, actor);
  return `${BASE}/wilayah/${level}/${id}?done=${done(active)}`;
});

export const mergeAreaAction = directoryAction(z.object({ level, id: idField, into: z.string().default("") }), async ({ level, id, into }, actor) => {
  const target = idField.safeParse(into);
  if (!target.success) throw new ValidationError({ into: ["mergeTarget"] });
  await mergeArea(getDb(), level, id, target.data, actor);
  return `${BASE}/wilayah/${level}/${id}?done=merged`;
});

export const saveRuleAction = directoryAction(entry, async ({ id, f }, actor) => {
  const saved = await saveRoutingRule(getDb(), id ?? null, f, actor);
  return id ? `${BASE}/rute/${saved.id}?done=saved` : `${BASE}/rute?done=created#rule-${saved.id}`;
});

export const ruleActiveAction = directoryAction(toggle, async ({ id, active }, actor) => {
  await setRoutingRuleActive(getDb(), id, active, actor);
  return `${BASE}/rute/${id}?done=${active ? "ruleOn" : "ruleOff"}`;
});
