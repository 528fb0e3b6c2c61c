import { NextResponse } from "next/server";
import { queueDepth } from "@/db/queries/outbox";
import { laporHealth, type LaporHealth } from "@/integrations/lapor/health";
import { getDb } from "@/server/db";
import { log } from "@/server/log";

export const dynamic = "force-dynamic";

export async function GET() {
  let db: "ok" | "down" = "ok";
  let queue = { pending: 0, dead: 0 };
  let lapor: LaporHealth = "degraded";
  try {
    queue = await queueDepth(getDb());
    lapor = await laporHealth(getDb());
  } catch (err) {
    log.error("health: database check failed", { err });
    db = "down";
  }
  const status = db === "ok" ? "ok" : "degraded";
  return NextResponse.json({ status, db, lapor, queue }, { status: db === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
