"use server";

import { notFound, redirect } from "next/navigation";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { ValidationError } from "@/lib/errors";
import { requireStaff } from "@/server/staff";
import { saveTemplateFromForm, templateEditor } from "@/server/templates";

const PAGE = "/petugas/templat";

/** Creates a template (no `id`) or saves an edited one; administrators and OPD heads (their own OPD's). */
export async function saveTemplateAction(formData: FormData): Promise<void> {
  const staff = await requireStaff();
  const editor = templateEditor(staff);
  if (!editor) notFound();
  const idText = String(formData.get("id") ?? "");
  const id = /^\d{1,9}$/.test(idText) ? Number(idText) : undefined;
  const raw = {
    purpose: String(formData.get("purpose") ?? ""),
    title: String(formData.get("title") ?? "").slice(0, 500),
    bodyId: String(formData.get("bodyId") ?? "").slice(0, 5000),
    bodyEn: String(formData.get("bodyEn") ?? "").slice(0, 5000),
    opdCode: String(formData.get("opdCode") ?? ""),
    categoryCode: String(formData.get("categoryCode") ?? ""),
    active: formData.get("active") === "1",
  };
  let target: string;
  try {
    const saved = await saveTemplateFromForm(getDb(), editor, raw, await auditActor(staff), id);
    target = `${PAGE}?done=${id === undefined ? "created" : "saved"}#tpl-${saved}`;
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const [field, keys] = Object.entries(err.fieldErrors)[0] ?? ["_form", ["invalid"]];
    target = `${PAGE}?${new URLSearchParams({ error: keys[0] ?? "invalid", field, ...(id !== undefined ? { edit: String(id) } : {}) }).toString()}#editor-h`;
  }
  redirect(target);
}
