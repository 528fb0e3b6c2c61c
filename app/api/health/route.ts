import { NextResponse } from "next/server";
import { queueDepth } from "@/db/queries/outbox";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { log } from "@/server/log";

export const dynamic = "force-dynamic";

export async function GET() {
  const e = env();
  let db: "ok" | "down" = "ok";
  let queue = { pending: 0, dead: 0 };
  try {
    queue = await queueDepth(getDb());
  } catch (err) {
    log.error("health: database check failed", { err });
    db = "down";
  }
  const lapor = e.LAPOR_BASE_URL ? "ok" : "disabled";
  const status = db === "ok" ? "ok" : "degraded";
  return NextResponse.json({ status, db, lapor, queue }, { status: db === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
