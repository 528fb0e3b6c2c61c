import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { healthReport } from "@/server/health";

export const dynamic = "force-dynamic";

/** CONTRACTS.md `/api/health`: 200 while the database answers (`degraded` names what is wrong), else 503. */
export async function GET() {
  const report = await healthReport(getDb(), { maxOutboxAgeSeconds: env().HEALTH_OUTBOX_MAX_AGE_SECONDS });
  return NextResponse.json(report, { status: report.db === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
