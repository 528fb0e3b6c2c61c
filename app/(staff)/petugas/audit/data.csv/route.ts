import { writeAudit } from "@/db/queries/audit";
import { can } from "@/domain/permissions";
import { auditActor } from "@/server/audit";
import { auditCsv, readAuditQuery } from "@/server/audit-log";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { region } from "@/server/region";
import { currentStaff } from "@/server/staff";

export const dynamic = "force-dynamic";

/** The audit log as CSV, for the screen's GET filters (at most AUDIT_CSV_MAX rows); the download is audited too. */
export async function GET(req: Request) {
  const staff = await currentStaff();
  if (!staff) return Response.redirect(new URL("/masuk", req.url), 303);
  if (!can(staff.role, "audit.read")) return new Response("Not found\n", { status: 404 });
  const db = getDb();
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const q = await readAuditQuery(db, params, region().code, env().PINTU_TIME_ZONE);
  const { csv, rows } = await auditCsv(db, staff.role, q);
  await writeAudit(db, { actor: await auditActor(staff), action: "audit.export", target: { kind: "audit", id: "csv" }, data: { filter: q.params, rows } });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${env().PINTU_REGION.toLowerCase()}-${stamp}.csv"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
