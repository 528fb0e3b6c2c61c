import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { writeAudit } from "@/db/queries/audit";
import { can } from "@/domain/permissions";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { buildExport, exportCsv } from "@/server/lapor-export";
import { currentStaff } from "@/server/staff";

export const dynamic = "force-dynamic";

/**
 * Manual mode's download: what LAPOR still has to receive, as CSV (`?format=csv`, for a
 * spreadsheet) or JSON. Coordinators and admins only; every download is in the audit log.
 */
export async function GET(request: Request) {
  const staff = await currentStaff();
  if (!staff) return NextResponse.redirect(new URL("/masuk", request.url), 303);
  if (!can(staff.role, "integration.operate")) return new NextResponse("Not found", { status: 404 });
  const format = new URL(request.url).searchParams.get("format") === "json" ? "json" : "csv";
  const t = await getTranslations("staff.integration.export");
  const db = getDb();
  const rows = await buildExport(db, (key, values) => t(key as "task.followup", values));
  const now = new Date();
  await writeAudit(db, { actor: await auditActor(staff), at: now, action: "lapor.export", target: { kind: "lapor", id: "manual-export" }, data: { format, rows: rows.length, outboxIds: rows.map((r) => r.outboxId) } });
  const stamp = now.toISOString().slice(0, 16).replace(/[-:T]/g, "");
  const name = `lapor-manual-${env().PINTU_REGION.toLowerCase()}-${stamp}.${format}`;
  const headers = {
    "Content-Disposition": `attachment; filename="${name}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "json") {
    return new NextResponse(JSON.stringify({ exportedAt: now.toISOString(), items: rows }, null, 2), { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
  }
  const csv = exportCsv(rows, (c) => t(`column.${c}` as "column.title"), (v) => t(v ? "yes" : "no"));
  return new NextResponse(csv, { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
}
