import { can } from "@/domain/permissions";
import { getDb } from "@/server/db";
import { auditActor } from "@/server/audit";
import { listCsv } from "@/server/list-csv";
import { currentStaff } from "@/server/staff";

/** The list of /petugas/kotak-masuk as CSV: the same GET filters and the same scope as the page. */
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const staff = await currentStaff();
  if (!staff) return Response.redirect(new URL("/masuk", req.url), 303);
  if (!can(staff.role, "inbox.opd")) return new Response("Not found\n", { status: 404 });
  const url = new URL(req.url);
  const params: Record<string, string[]> = {};
  for (const k of new Set(url.searchParams.keys())) params[k] = url.searchParams.getAll(k);
  return listCsv(getDb(), staff, "inbox", params, new Date(), await auditActor(staff));
}
