"use server";

import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/action";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";
import { saveTemplateFromForm, templateEditor } from "@/server/templates";

const PAGE = "/petugas/templat";

/** Administrators and OPD heads (their own OPD's templates); anyone else finds no such page. */
async function editor() {
  const staff = await requireStaff();
  const scope = templateEditor(staff);
  if (!scope) notFound();
  return { staff, scope };
}

/** The form's fields as typed (cut to the stored maximum); server/templates.ts decides what is valid. */
const text = (max: number) => z.string().default("").transform((s) => s.slice(0, max));
const schema = z.object({
  id: z.string().regex(/^\d{0,9}$/).default(""),
  purpose: text(40),
  title: text(500),
  bodyId: text(5000),
  bodyEn: text(5000),
  opdCode: text(40),
  categoryCode: text(40),
  active: z.string().optional(),
});

/** Creates a template (no `id`) or saves an edited one; a refusal comes back beside its fields, with what was typed. */
export const saveTemplateAction = formAction({ authorise: editor, schema }, async ({ id: idText, active, ...fields }, { staff, scope }): Promise<null> => {
  const id = idText ? Number(idText) : undefined;
  const saved = await saveTemplateFromForm(getDb(), scope, { ...fields, active: active === "1" }, await auditActor(staff), id);
  redirect(`${PAGE}?done=${id === undefined ? "created" : "saved"}#tpl-${saved}`);
});
