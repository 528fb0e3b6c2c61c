import "server-only";
import { z } from "zod";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import type { Db } from "@/db/client";
import { templateById, templatesFor, writeTemplate, type TemplateInput, type TemplateRow } from "@/db/queries/templates";
import { TEMPLATE_PURPOSES, type TemplatePurpose } from "@/db/schema-templates";
import { fillTemplate, unknownPlaceholders, type TemplateFacts } from "@/domain/answer-template";
import type { Role } from "@/domain/complaint-status";
import { ValidationError } from "@/lib/errors";
import { reference } from "./reference";

/** Who edits templates: an administrator (any OPD, or the whole city) and an OPD head (their own OPD's). */
export function templateEditor(staff: { role: Role; opdId: number | null }): { all: true } | { all: false; opdId: number } | null {
  if (staff.role === "admin") return { all: true };
  if (staff.role === "opd_head" && staff.opdId !== null) return { all: false, opdId: staff.opdId };
  return null;
}

const text = (min: number, max: number) => z.string().trim().min(min, `tooShort|${min}`).max(max, `tooLong|${max}`);
const schema = z.object({
  purpose: z.enum(TEMPLATE_PURPOSES),
  title: text(3, 120),
  bodyId: text(10, 4000),
  bodyEn: z.string().trim().max(4000, "tooLong|4000"),
  opdCode: z.string().trim().max(40),
  categoryCode: z.string().trim().max(40),
  active: z.boolean(),
});

/**
 * Validates and saves a template from the editor's form, for this editor: a head's templates are
 * always their own OPD's, whatever the form says. Every field's error at once (ValidationError).
 */
export async function saveTemplateFromForm(db: Db, editor: NonNullable<ReturnType<typeof templateEditor>>, raw: Record<string, unknown>, actor: AuditActor, id?: number): Promise<number> {
  const parsed = schema.safeParse(raw);
  const errors: Record<string, string[]> = {};
  if (!parsed.success) for (const i of parsed.error.issues) (errors[String(i.path[0])] ??= []).push(/^too(Short|Long)\|/.test(i.message) ? i.message : "invalid");
  const ref = await reference(db);
  const v = parsed.success ? parsed.data : null;
  const opd = v?.opdCode ? ref.opds.find((o) => o.code === v.opdCode) : null;
  const category = v?.categoryCode ? ref.categories.find((c) => c.code === v.categoryCode) : null;
  if (v?.opdCode && !opd) errors.opdCode = ["opdUnknown"];
  if (v?.categoryCode && !category) errors.categoryCode = ["invalid"];
  for (const field of ["bodyId", "bodyEn"] as const) {
    const unknown = v ? unknownPlaceholders(v[field]) : [];
    if (unknown.length) errors[field] = [`unknownPlaceholder|${unknown.join(", ")}`];
  }
  if (id !== undefined) {
    const existing = await templateById(db, id);
    if (!existing || (!editor.all && existing.opdId !== editor.opdId)) throw new ValidationError({ _form: ["notFound"] });
  }
  if (!v || Object.keys(errors).length) throw new ValidationError(errors);
  const input: TemplateInput = {
    opdId: editor.all ? (opd?.id ?? null) : editor.opdId,
    categoryId: category?.id ?? null,
    purpose: v.purpose,
    title: v.title,
    bodyId: v.bodyId,
    bodyEn: v.bodyEn,
    active: v.active,
  };
  const now = new Date();
  const saved = await db.transaction(async (tx) => {
    const done = await writeTemplate(tx, { id, input, userId: actor.userId, now });
    if (!done) return null;
    await writeAudit(tx, {
      actor,
      at: now,
      action: done.before ? "template.update" : "template.create",
      target: { kind: "template", id: done.id },
      ...(done.before ? { before: snapshot(done.before) } : {}),
      after: snapshot(input),
    });
    return done.id;
  });
  if (saved === null) throw new ValidationError({ _form: ["notFound"] });
  return saved;
}

/** What the audit log keeps of a template, before and after. */
const snapshot = (r: TemplateRow | TemplateInput) => ({ opdId: r.opdId, categoryId: r.categoryId, purpose: r.purpose, title: r.title, bodyId: r.bodyId, bodyEn: r.bodyEn, active: r.active });

/** Template choices for a complaint's form: value `<id>` (Indonesian) or `<id>-en`. */
async function templateOptions(db: Db, c: { opdId: number | null; categoryId: number | null }, purpose: TemplatePurpose) {
  const rows = await templatesFor(db, c, purpose);
  return rows.flatMap((t) => [{ value: String(t.id), label: t.title }, ...(t.bodyEn ? [{ value: `${t.id}-en`, label: `${t.title} (English)` }] : [])]);
}

/**
 * The text a chosen template (`?templat=<id>` or `<id>-en`) puts in the form, or null when it is
 * not one this complaint is offered (another OPD's, inactive, another purpose).
 */
async function filledTemplate(db: Db, choice: string, c: { opdId: number | null; categoryId: number | null }, purpose: TemplatePurpose, facts: TemplateFacts): Promise<{ id: number; text: string } | null> {
  const m = /^(\d{1,9})(-en)?$/.exec(choice);
  if (!m) return null;
  const id = Number(m[1]);
  const offered = (await templatesFor(db, c, purpose)).find((t) => t.id === id);
  if (!offered) return null;
  const lang = m[2] ? "en" : "id";
  return { id, text: fillTemplate(lang === "en" ? offered.bodyEn : offered.bodyId, facts, lang) };
}

/** The template choices of the answer and request-information forms, with the chosen one filled (`?templat=…&untuk=…`). */
export async function templateChoices(
  db: Db,
  actions: readonly string[],
  c: { opdId: number | null; categoryId: number | null },
  sp: Record<string, string | string[] | undefined>,
  facts: TemplateFacts,
) {
  const out: Partial<Record<TemplatePurpose, { options: { value: string; label: string }[]; chosen: string | null; text: string | null; templateId: number | null }>> = {};
  const chosen = typeof sp.templat === "string" ? sp.templat : null;
  const forAction = typeof sp.untuk === "string" ? sp.untuk : null;
  for (const purpose of TEMPLATE_PURPOSES) {
    if (!actions.includes(purpose)) continue;
    const options = await templateOptions(db, c, purpose);
    const filled = chosen && forAction === purpose ? await filledTemplate(db, chosen, c, purpose, facts) : null;
    out[purpose] = { options, chosen: filled ? chosen : null, text: filled?.text ?? null, templateId: filled?.id ?? null };
  }
  return out;
}
