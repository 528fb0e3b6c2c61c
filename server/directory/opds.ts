import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { AuditActor } from "@/db/queries/audit";
import { collectFieldErrors } from "@/domain/complaint-input";
import { codeSchema, opdInputSchema } from "@/domain/directory";
import { parseLaporId } from "@/domain/lapor-ops";
import { kecamatan, opds } from "@/db/schema";
import { laporMappings } from "@/db/schema-lapor";
import { ValidationError, notFound } from "@/lib/errors";
import { deleteMapping, setMapping } from "@/server/lapor-mappings";
import { invalidateReference } from "@/server/reference";
import { recordChange, type Snapshot } from "./history";

type OpdRow = Awaited<ReturnType<typeof listOpdDirectory>>[number];

/** Every OPD with what the editor shows: parent, kecamatan, contact, LAPOR id. */
export async function listOpdDirectory(db: Db) {
  const rows = await db
    .select({
      id: opds.id,
      code: opds.code,
      name: opds.name,
      shortName: opds.shortName,
      kind: opds.kind,
      kecamatanId: opds.kecamatanId,
      kecamatanName: kecamatan.name,
      parentId: opds.parentId,
      email: opds.email,
      active: opds.active,
      laporId: laporMappings.laporId,
    })
    .from(opds)
    .leftJoin(kecamatan, eq(kecamatan.id, opds.kecamatanId))
    .leftJoin(laporMappings, and(eq(laporMappings.kind, "opd"), eq(laporMappings.localCode, opds.code)))
    .orderBy(asc(opds.kind), asc(opds.name));
  return rows;
}

const snapshot = (r: OpdRow | undefined, parentCode: string | null): Snapshot | null =>
  r
    ? { code: r.code, name: r.name, shortName: r.shortName, kind: r.kind, kecamatanId: r.kecamatanId, parentCode, email: r.email, active: r.active, laporId: r.laporId }
    : null;

type Actor = { actor: AuditActor; now: Date };

/**
 * Creates (`code` given, not yet used) or updates (`id`) an OPD from the editor's fields, versioned
 * and audited. The code is fixed once created (accounts, mappings and exports name it). Throws
 * ValidationError with every field's error.
 */
export async function saveOpd(db: Db, target: { id: number } | { code: unknown }, raw: Record<string, unknown>, actor: Actor): Promise<{ id: number }> {
  const parsed = opdInputSchema.safeParse(raw);
  const code = "code" in target ? codeSchema.safeParse(target.code) : null;
  const errors = { ...(parsed.success ? {} : collectFieldErrors(parsed.error)), ...(code && !code.success ? { code: ["code"] } : {}) };
  if (!parsed.success || (code && !code.success)) throw new ValidationError(errors);
  const input = parsed.data;
  const all = await listOpdDirectory(db);
  const current = "id" in target ? all.find((o) => o.id === target.id) : undefined;
  if ("id" in target && !current) throw notFound();
  const parent = input.parentCode ? all.find((o) => o.code === input.parentCode) : undefined;
  if (input.parentCode && !parent) throw new ValidationError({ parentCode: ["unknownOpd"] });
  if (parent && current && (parent.id === current.id || ancestors(all, parent.id).includes(current.id))) throw new ValidationError({ parentCode: ["parentCycle"] });
  if (code?.success && all.some((o) => o.code === code.data)) throw new ValidationError({ code: ["codeTaken"] });
  const lapor = input.laporId ? parseLaporId(input.laporId) : null;
  if (lapor && !lapor.ok) throw new ValidationError({ laporId: [lapor.error] });
  const laporId = lapor?.ok ? lapor.value : undefined;
  const holder = laporId ? all.find((o) => o.laporId === laporId && o.id !== current?.id) : undefined;
  if (holder) throw new ValidationError({ laporId: [`laporIdTaken|${holder.name}`] });
  const values = {
    name: input.name,
    shortName: input.shortName ?? null,
    kind: input.kind,
    kecamatanId: input.kind === "kecamatan" ? (input.kecamatanId ?? null) : null,
    parentId: parent?.id ?? null,
    email: input.email ?? null,
  };
  if (values.kecamatanId !== null) {
    const [kec] = await db.select({ id: kecamatan.id }).from(kecamatan).where(eq(kecamatan.id, values.kecamatanId));
    if (!kec) throw new ValidationError({ kecamatanId: ["kecamatanRequired"] });
  }
  const id = await db.transaction(async (tx) => {
    const before = snapshot(current, current?.parentId ? (all.find((o) => o.id === current.parentId)?.code ?? null) : null);
    let rowId: number;
    if (current) {
      await tx.update(opds).set(values).where(eq(opds.id, current.id));
      rowId = current.id;
    } else {
      const [row] = await tx.insert(opds).values({ ...values, code: code!.data! }).onConflictDoNothing().returning({ id: opds.id });
      if (!row) throw new ValidationError({ code: ["codeTaken"] });
      rowId = row.id;
    }
    const after = {
      code: current?.code ?? code!.data,
      name: values.name,
      shortName: values.shortName,
      kind: values.kind,
      kecamatanId: values.kecamatanId,
      parentCode: parent?.code ?? null,
      email: values.email,
      active: current?.active ?? true,
      laporId: laporId ?? null,
    };
    await recordChange(tx, { entity: "opd", id: rowId, change: current ? "update" : "create", before, after, actor: actor.actor, now: actor.now });
    return rowId;
  });
  invalidateReference(db);
  // The LAPOR id lives with the other mappings (Integrasi → Pemetaan), which checks and audits it.
  const opdCode = current?.code ?? code!.data!;
  const laporBefore = current?.laporId ?? null;
  if ((laporId ?? null) !== laporBefore) {
    if (laporId) await setMapping(db, { kind: "opd", localCode: opdCode, laporId, actor: actor.actor, now: actor.now });
    else await deleteMapping(db, { kind: "opd", localCode: opdCode, actor: actor.actor, now: actor.now });
  }
  return { id };
}

function ancestors(all: OpdRow[], id: number): number[] {
  const out: number[] = [];
  for (let cur = all.find((o) => o.id === id); cur?.parentId && !out.includes(cur.parentId); cur = all.find((o) => o.id === cur!.parentId)) out.push(cur.parentId);
  return out;
}

/** Deactivates (no new dispositions or routes; its complaints and name stay) or reactivates an OPD. */
export async function setOpdActive(db: Db, id: number, active: boolean, actor: Actor): Promise<void> {
  const all = await listOpdDirectory(db);
  const current = all.find((o) => o.id === id);
  if (!current) throw notFound();
  if (current.active === active) return;
  const parentCode = current.parentId ? (all.find((o) => o.id === current.parentId)?.code ?? null) : null;
  await db.transaction(async (tx) => {
    await tx.update(opds).set({ active }).where(eq(opds.id, id));
    await recordChange(tx, { entity: "opd", id, change: active ? "activate" : "deactivate", before: snapshot(current, parentCode), after: { ...snapshot(current, parentCode)!, active }, actor: actor.actor, now: actor.now });
  });
  invalidateReference(db);
}
