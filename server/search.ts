import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { recentFloor, searchByContact, searchByIdentifier, searchByTypo, searchByWords, type SearchScope } from "@/db/queries/search";
import type { ComplaintListRow } from "@/db/queries/staff-complaints";
import { can, complaintScope, type StaffScope } from "@/domain/permissions";
import { parseSearchQuery } from "@/domain/search-query";

export type SearchOutcome = {
  rows: ComplaintListRow[];
  /** How the query was read, for the page to say so. */
  readAs: "empty" | "identifier" | "contact" | "words" | "typo" | "none";
  /** Contact data typed by a role that may not search by it: nothing is searched. */
  contactRefused: boolean;
};

/**
 * The staff search: exact identifiers first, then contact data (coordinator and admin only,
 * anonymous reporters only for the coordinator, each search written to the audit log with who
 * searched what — never to the application log), then words (full text), then near-misses
 * (trigram) when the words find little. An OPD role searches only its own OPD's complaints.
 */
export async function searchComplaints(db: Db, staff: StaffScope & { id: number }, raw: string, region: string, now: Date, address = "unknown"): Promise<SearchOutcome> {
  const q = parseSearchQuery(raw, region);
  const scope = complaintScope(staff);
  if (!q || scope.kind === "none") return { rows: [], readAs: q ? "none" : "empty", contactRefused: false };
  const s: SearchScope = scope;
  const seen = new Set<number>();
  const rows: ComplaintListRow[] = [];
  const add = (list: ComplaintListRow[]) => {
    for (const r of list) if (!seen.has(r.id) && seen.add(r.id)) rows.push(r);
  };
  let readAs: SearchOutcome["readAs"] = "none";

  add(await searchByIdentifier(db, s, q));
  if (rows.length > 0) readAs = "identifier";

  const contactAllowed = can(staff.role, "search.contact");
  if (q.contact && contactAllowed) {
    const found = await searchByContact(db, s, q.contact, staff.role === "coordinator");
    await writeAudit(db, {
      actor: { userId: staff.id, role: staff.role, address },
      at: now,
      action: "search_contact",
      target: { kind: "search", id: q.contact.kind },
      data: { role: staff.role, kind: q.contact.kind, value: q.contact.value, results: found.length },
    });
    add(found);
    if (found.length > 0 && readAs === "none") readAs = "contact";
  }

  if (q.words && rows.length === 0) {
    // An OPD's own complaints are few enough to search whole (its index narrows them first).
    const floor = s.kind === "all" ? await recentFloor(db) : 0;
    add(await searchByWords(db, s, q.words, floor));
    if (rows.length > 0) readAs = "words";
    else {
      add(await searchByTypo(db, s, q.words, floor));
      if (rows.length > 0) readAs = "typo";
    }
  }
  return { rows, readAs, contactRefused: q.contact !== null && !contactAllowed };
}
