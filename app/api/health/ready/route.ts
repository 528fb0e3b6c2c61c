import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { readiness } from "@/server/health";

export const dynamic = "force-dynamic";

/** Readiness: 200 when this process should get traffic, else 503 with the reason. */
export async function GET() {
  const r = await readiness(getDb());
  const body = r.ready ? { status: "ready" } : { status: "unavailable", reason: r.reason };
  return NextResponse.json(body, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
