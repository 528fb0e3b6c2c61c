import type { Db } from "@/db/client";
import {
  listAreas,
  listCategories,
  listExternalInstitutions,
  listHolidayDates,
  listOpds,
  type AreaTree,
  type CategoryRow,
} from "@/db/queries/reference";
import type { WorkingCalendar } from "@/domain/working-days";
import { env } from "./env";

export type Reference = {
  categories: CategoryRow[];
  areas: AreaTree;
  opds: Awaited<ReturnType<typeof listOpds>>;
  externals: Awaited<ReturnType<typeof listExternalInstitutions>>;
  calendar: WorkingCalendar;
};

const TTL_MS = 30_000;
const caches = new WeakMap<Db, { at: number; value: Promise<Reference> }>();

/**
 * Reference data changes rarely (an administrator's edit) but is read on every intake and form
 * render, so each process keeps it for 30 seconds.
 */
export function reference(db: Db, now = Date.now()): Promise<Reference> {
  const cached = caches.get(db);
  if (cached && now - cached.at <= TTL_MS) return cached.value;
  const value = load(db);
  caches.set(db, { at: now, value });
  value.catch(() => caches.delete(db));
  return value;
}

/** Forgets cached reference data (after an administrator's edit, and in tests). */
export function invalidateReference(db: Db): void {
  caches.delete(db);
}

async function load(db: Db): Promise<Reference> {
  const [categories, areas, opds, externals, holidays] = await Promise.all([
    listCategories(db),
    listAreas(db),
    listOpds(db),
    listExternalInstitutions(db),
    listHolidayDates(db),
  ]);
  return { categories, areas, opds, externals, calendar: { timeZone: env().PINTU_TIME_ZONE, holidays: new Set(holidays) } };
}
