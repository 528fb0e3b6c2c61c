import type { Db } from "@/db/client";
import {
  listAreaRules,
  listAreas,
  listCategories,
  listExternalInstitutions,
  listHolidayDates,
  listKecamatanNames,
  listOpds,
  type AreaTree,
  type CategoryRow,
} from "@/db/queries/reference";
import type { AreaRule } from "@/domain/routing";
import type { WorkingCalendar } from "@/domain/working-days";
import { env } from "@/lib/env";

export type Reference = {
  categories: CategoryRow[];
  areas: AreaTree;
  opds: Awaited<ReturnType<typeof listOpds>>;
  externals: Awaited<ReturnType<typeof listExternalInstitutions>>;
  calendar: WorkingCalendar;
  /** Area routing rules the administrator keeps (Direktori → Aturan rute). */
  areaRules: AreaRule[];
  /** Every kecamatan's name, inactive ones included (`areas` lists only what may be chosen). */
  kecamatanNames: Map<number, string>;
};

const TTL_MS = 30_000;
const caches = new WeakMap<Db, { at: number; generation: number; value: Promise<Reference> }>();

// Raised by every invalidation and kept on globalThis: Next's build holds this module twice in one
// process (its route handlers' chunks and its pages' and actions' chunks, each with its own module
// cache), and an administrator's edit made through one must reach the other's cache at once.
const shared = globalThis as { __pintuReferenceGeneration?: number };
const generation = () => shared.__pintuReferenceGeneration ?? 0;

/**
 * Reference data changes rarely (an administrator's edit) but is read on every intake and form
 * render, so each process keeps it for 30 seconds (an edit in this process applies at once).
 */
export function reference(db: Db, now = Date.now()): Promise<Reference> {
  const cached = caches.get(db);
  if (cached && now - cached.at <= TTL_MS && cached.generation === generation()) return cached.value;
  const value = load(db);
  caches.set(db, { at: now, generation: generation(), value });
  value.catch(() => caches.delete(db));
  return value;
}

/** Forgets cached reference data (after an administrator's edit, and in tests). */
export function invalidateReference(db: Db): void {
  caches.delete(db);
  shared.__pintuReferenceGeneration = generation() + 1;
}

async function load(db: Db): Promise<Reference> {
  const [categories, areas, opds, externals, holidays, areaRules, kecamatanNames] = await Promise.all([
    listCategories(db),
    listAreas(db),
    listOpds(db),
    listExternalInstitutions(db),
    listHolidayDates(db),
    listAreaRules(db),
    listKecamatanNames(db),
  ]);
  return { categories, areas, opds, externals, areaRules, kecamatanNames, calendar: { timeZone: env().PINTU_TIME_ZONE, holidays: new Set(holidays) } };
}
