import "server-only";
import type { ListView } from "@/domain/list-filter";
import { can, type Capability } from "@/domain/permissions";
import { auditActor } from "./audit";
import { getDb } from "./db";
import { listCsv } from "./list-csv";
import { currentStaff } from "./staff";

/**
 * The GET handler of a staff list's `data.csv` (queue, inbox, search): the same GET filters and
 * the same scope as the page. Signed out → the sign-in page; without `capability` → 404.
 */
export function listCsvRoute(view: ListView, capability: Capability | null) {
  return async function GET(req: Request): Promise<Response> {
    const staff = await currentStaff();
    if (!staff) return Response.redirect(new URL("/masuk", req.url), 303);
    if (capability && !can(staff.role, capability)) return new Response("Not found\n", { status: 404 });
    const url = new URL(req.url);
    const params: Record<string, string[]> = {};
    for (const k of new Set(url.searchParams.keys())) params[k] = url.searchParams.getAll(k);
    return listCsv(getDb(), staff, view, params, new Date(), await auditActor(staff));
  };
}
