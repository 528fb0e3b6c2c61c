"use server";

import { notFound, redirect } from "next/navigation";
import { encodeFormState } from "@/components/directory/form-state";
import type { AuditActor } from "@/db/queries/audit";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { addArea, mergeArea, renameArea, setAreaActive, type AreaLevel } from "@/server/directory/areas";
import { saveCategory, setCategoryActive, setCategoryKeywords } from "@/server/directory/categories";
import { saveInstitution, setInstitutionActive } from "@/server/directory/institutions";
import { saveOpd, setOpdActive } from "@/server/directory/opds";
import { saveRoutingRule, setRoutingRuleActive } from "@/server/directory/rules";
import { AppError, ValidationError } from "@/lib/errors";
import { requireStaff } from "@/server/staff";

type Actor = { actor: AuditActor; now: Date };
const BASE = "/petugas/direktori";

/**
 * Every directory write: administrators only (checked here, whatever the page showed); a refused
 * input goes back to `back` with its errors and values; success goes to what `fn` returns.
 */
async function run(formData: FormData, back: string, fn: (actor: Actor, fields: Record<string, string>) => Promise<string>): Promise<void> {
  const staff = await requireStaff("admin.manage");
  const fields: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) fields[k] = v;
  let target: string;
  try {
    target = await fn({ actor: await auditActor(staff), now: new Date() }, fields);
  } catch (err) {
    if (err instanceof ValidationError) redirect(`${back}${back.includes("?") ? "&" : "?"}state=${encodeFormState(err.fieldErrors, formData)}`);
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
  redirect(target);
}

const idOf = (formData: FormData, name = "id"): number | null => {
  const raw = String(formData.get(name) ?? "");
  const n = Number(raw);
  return /^[1-9]\d{0,9}$/.test(raw) && Number.isSafeInteger(n) ? n : null;
};
const requireId = (formData: FormData, name = "id") => idOf(formData, name) ?? notFound();
const active = (formData: FormData) => formData.get("active") === "1";
const level = (formData: FormData): AreaLevel => {
  const l = formData.get("level");
  return l === "kecamatan" || l === "kelurahan" ? l : notFound();
};

export async function saveOpdAction(formData: FormData): Promise<void> {
  const id = idOf(formData);
  const back = id ? `${BASE}/opd/${id}` : `${BASE}/opd`;
  await run(formData, back, async (actor, f) => {
    const saved = await saveOpd(getDb(), id ? { id } : { code: f.code }, f, actor);
    return `${BASE}/opd/${saved.id}?done=${id ? "saved" : "created"}`;
  });
}

export async function opdActiveAction(formData: FormData): Promise<void> {
  const id = requireId(formData);
  await run(formData, `${BASE}/opd/${id}`, async (actor) => {
    await setOpdActive(getDb(), id, active(formData), actor);
    return `${BASE}/opd/${id}?done=${active(formData) ? "activated" : "deactivated"}`;
  });
}

export async function saveCategoryAction(formData: FormData): Promise<void> {
  const id = idOf(formData);
  const back = id ? `${BASE}/kategori/${id}` : `${BASE}/kategori`;
  await run(formData, back, async (actor, f) => {
    const saved = await saveCategory(getDb(), id ? { id } : { code: f.code }, f, actor);
    return `${BASE}/kategori/${saved.id}?done=${id ? "saved" : "created"}`;
  });
}

export async function categoryActiveAction(formData: FormData): Promise<void> {
  const id = requireId(formData);
  await run(formData, `${BASE}/kategori/${id}`, async (actor) => {
    await setCategoryActive(getDb(), id, active(formData), actor);
    return `${BASE}/kategori/${id}?done=${active(formData) ? "activated" : "deactivated"}`;
  });
}

export async function keywordsAction(formData: FormData): Promise<void> {
  const id = requireId(formData);
  await run(formData, `${BASE}/rute`, async (actor, f) => {
    await setCategoryKeywords(getDb(), id, f.keywords ?? "", actor);
    return `${BASE}/rute?done=saved#kw-${id}`;
  });
}

export async function saveInstitutionAction(formData: FormData): Promise<void> {
  const id = idOf(formData);
  const back = id ? `${BASE}/lembaga/${id}` : `${BASE}/lembaga`;
  await run(formData, back, async (actor, f) => {
    const saved = await saveInstitution(getDb(), id ? { id } : { code: f.code }, f, actor);
    return `${BASE}/lembaga/${saved.id}?done=${id ? "saved" : "created"}`;
  });
}

export async function institutionActiveAction(formData: FormData): Promise<void> {
  const id = requireId(formData);
  await run(formData, `${BASE}/lembaga/${id}`, async (actor) => {
    await setInstitutionActive(getDb(), id, active(formData), actor);
    return `${BASE}/lembaga/${id}?done=${active(formData) ? "activated" : "deactivated"}`;
  });
}

export async function addAreaAction(formData: FormData): Promise<void> {
  const kecamatanId = idOf(formData, "kecamatanId");
  const back = kecamatanId ? `${BASE}/wilayah/kecamatan/${kecamatanId}` : `${BASE}/wilayah`;
  await run(formData, back, async (actor, f) => {
    const { id } = await addArea(getDb(), { name: f.name, kecamatanId: kecamatanId ?? undefined }, actor);
    return `${BASE}/wilayah/${kecamatanId ? "kelurahan" : "kecamatan"}/${id}?done=created`;
  });
}

export async function renameAreaAction(formData: FormData): Promise<void> {
  const [l, id] = [level(formData), requireId(formData)];
  await run(formData, `${BASE}/wilayah/${l}/${id}`, async (actor, f) => {
    await renameArea(getDb(), l, id, f.name, actor);
    return `${BASE}/wilayah/${l}/${id}?done=saved`;
  });
}

export async function areaActiveAction(formData: FormData): Promise<void> {
  const [l, id] = [level(formData), requireId(formData)];
  await run(formData, `${BASE}/wilayah/${l}/${id}`, async (actor) => {
    await setAreaActive(getDb(), l, id, active(formData), actor);
    return `${BASE}/wilayah/${l}/${id}?done=${active(formData) ? "activated" : "deactivated"}`;
  });
}

export async function mergeAreaAction(formData: FormData): Promise<void> {
  const [l, id] = [level(formData), requireId(formData)];
  await run(formData, `${BASE}/wilayah/${l}/${id}`, async (actor) => {
    const into = idOf(formData, "into");
    if (!into) throw new ValidationError({ into: ["mergeTarget"] });
    await mergeArea(getDb(), l, id, into, actor);
    return `${BASE}/wilayah/${l}/${id}?done=merged`;
  });
}

export async function saveRuleAction(formData: FormData): Promise<void> {
  const id = idOf(formData);
  const back = id ? `${BASE}/rute/${id}` : `${BASE}/rute`;
  await run(formData, back, async (actor, f) => {
    const saved = await saveRoutingRule(getDb(), id, f, actor);
    return id ? `${BASE}/rute/${saved.id}?done=saved` : `${BASE}/rute?done=created#rule-${saved.id}`;
  });
}

export async function ruleActiveAction(formData: FormData): Promise<void> {
  const id = requireId(formData);
  await run(formData, `${BASE}/rute/${id}`, async (actor) => {
    await setRoutingRuleActive(getDb(), id, active(formData), actor);
    return `${BASE}/rute/${id}?done=${active(formData) ? "ruleOn" : "ruleOff"}`;
  });
}
