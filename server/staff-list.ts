import "server-only";
import type { Db } from "@/db/client";
import { WORKING_STATUSES, type ListWhere } from "@/db/queries/staff-list";
import { parseListParams, type ListFilter, type ListProblem, type ListView, type PageRequest, type Params } from "@/domain/list-filter";
import { complaintScope, type StaffScope } from "@/domain/permissions";
import { periodBounds } from "@/domain/sla-stats";
import { reference, type Reference } from "./reference";

export type ListContext = {
  view: ListView;
  filter: ListFilter;
  page: PageRequest;
  problems: ListProblem[];
  /** The filter resolved to ids, the reader's scope included. */
  where: ListWhere;
  /** The OPD an OPD role is confined to: no filter widens it, and its form has no OPD choice. */
  ownOpd: { id: number; code: string; name: string } | null;
  ref: Reference;
};

/**
 * A staff list's GET parameters for this staff member: the filter, the page, and the scope the
 * server enforces (an OPD role sees only its own OPD, whatever `opd` says). Callers have already
 * checked the page's capability; a role that may see nothing gets a filter matching nothing.
 */
export async function listContext(db: Db, staff: StaffScope & { id: number }, view: ListView, params: Params): Promise<ListContext> {
  const ref = await reference(db);
  const { filter, page, problems } = parseListParams(params, view, {
    opdCodes: ref.opds.map((o) => o.code),
    categoryCodes: ref.categories.map((c) => c.code),
    kecamatanIds: ref.areas.map((k) => k.id),
  });
  const scope = complaintScope(staff);
  const own = scope.kind === "opd" ? ref.opds.find((o) => o.id === scope.opdId) : undefined;
  if (scope.kind !== "all" && filter.opdCode !== undefined) {
    if (filter.opdCode !== own?.code) problems.push("opd");
    delete filter.opdCode;
  }
  const tz = ref.calendar.timeZone;
  const where: ListWhere = {
    // No scope at all (an OPD role without an OPD): an id no complaint has.
    scopeOpdId: scope.kind === "opd" ? scope.opdId : scope.kind === "none" ? -1 : undefined,
    statuses: filter.status === "all" ? null : filter.status === "open" ? WORKING_STATUSES : [filter.status],
    channel: filter.channel,
    categoryId: filter.categoryCode ? ref.categories.find((c) => c.code === filter.categoryCode)?.id : undefined,
    kecamatanId: filter.kecamatanId,
    opdId: filter.opdCode ? ref.opds.find((o) => o.code === filter.opdCode)?.id : undefined,
    createdFrom: filter.from ? periodBounds(filter.from, filter.from, tz).start : undefined,
    createdBefore: filter.to ? periodBounds(filter.to, filter.to, tz).end : undefined,
    flags: filter.flags,
    sla: filter.sla,
    assignedTo: filter.mine ? staff.id : undefined,
  };
  for (const k of Object.keys(where) as (keyof ListWhere)[]) if (where[k] === undefined) delete where[k];
  return { view, filter, page, problems, where, ownOpd: own ? { id: own.id, code: own.code, name: own.name } : null, ref };
}
