import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { contactMatch, identifierMatch, recentFloor, typoMatch, wordsMatch } from "@/db/queries/search";
import { listPage, type ListPage, type ListRow, type ListWhere } from "@/db/queries/staff-list";
import type { ListSort, PageRequest } from "@/domain/list-filter";
import { can, complaintScope, type StaffScope } from "@/domain/permissions";
import { parseSearchQuery } from "@/domain/search-query";

export type SearchOutcome = ListPage<ListRow> & {
  /** How the query was read, for the page to say so. */
  readAs: "empty" | "identifier" | "contact" | "words" | "typo" | "none";
  /** Contact data typed by a role that may not search by it: nothing is searched. */
  contactRefused: boolean;
};

const nothing = { rows: [], total: 0, capped: false, next: null, prev: null };

/**
 * The staff search: exact identifiers first, then contact data (coordinator and admin only,
 * anonymous reporters only for the coordinator, each search written to the audit log with who
 * searched what — never to the application log), then words (full text), then near-misses
 * (trigram) when the words find nothing. Each is a staff list (filters, sort, count, pages) in
 * the reader's scope: an OPD role searches only its own OPD's complaints. `list` carries the
 * page's filters (server/staff-list.ts); without it, every status, newest first.
 */
export async function searchComplaints(
  db: Db,
  staff: StaffScope & { id: number },
  raw: string,
  region: string,
  now: Date,
  address = "unknown",
  list: { where?: ListWhere; sort?: ListSort; page?: PageRequest; size?: number } = {},
): Promise<SearchOutcome> {
  const q = parseSearchQuery(raw, region);
  const scope = complaintScope(staff);
  const contactAllowed = can(staff.role, "search.contact");
  const contactRefused = q?.contact != null && !contactAllowed;
  if (!q || scope.kind === "none") return { ...nothing, readAs: q ? "none" : "empty", contactRefused };
  const base: ListWhere = list.where ?? { statuses: null, flags: [], scopeOpdId: scope.kind === "opd" ? scope.opdId : undefined };
  const run = (match: ReturnType<typeof wordsMatch>, count = true) =>
    listPage(db, { where: { ...base, match }, sort: list.sort ?? "newest", page: list.page ?? {}, role: staff.role, now, size: list.size, count, countFirst: count });

  const identifier = identifierMatch(q);
  if (identifier) {
    const found = await run(identifier);
    if (found.total > 0) return { ...found, readAs: "identifier", contactRefused };
  }
  if (q.contact && contactAllowed) {
    const found = await run(contactMatch(q.contact, staff.role === "coordinator"));
    // Written once per search, not per page turned.
    if (!list.page?.after && !list.page?.before) {
      await writeAudit(db, {
        actor: { userId: staff.id, role: staff.role, address },
        at: now,
        action: "search_contact",
        target: { kind: "search", id: q.contact.kind },
        data: { role: staff.role, kind: q.contact.kind, value: q.contact.value, results: found.total },
      });
    }
    if (found.total > 0) return { ...found, readAs: "contact", contactRefused };
  }
  if (q.words) {
    const found = await run(wordsMatch(q.words));
    if (found.total > 0) return { ...found, readAs: "words", contactRefused };
    // An OPD's own complaints are few enough to look through whole.
    // Near-misses are not counted: a trigram count over many titles costs seconds.
    const typo = await run(typoMatch(q.words, scope.kind === "all" ? await recentFloor(db) : 0), false);
    if (typo.total > 0) return { ...typo, readAs: "typo", contactRefused };
  }
  return { ...nothing, readAs: "none", contactRefused };
}
