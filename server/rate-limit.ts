import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { rateLimited } from "@/lib/errors";

/**
 * Counts one hit against `bucket` in a fixed window and throws a 429 error past `limit`.
 * The counter lives in the database, so the limit holds across every app process.
 * A limit of 0 turns limiting off.
 */
export async function enforceRateLimit(
  db: Db,
  bucket: string,
  limit: number,
  now: Date,
  windowSeconds = 60,
): Promise<void> {
  if (limit <= 0) return;
  const windowMs = windowSeconds * 1000;
  const windowStart = windowOf(now, windowSeconds);
  const [row] = await db
    .insert(rateLimits)
    .values({ bucket, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.bucket, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  // Old windows are useless; sweep them now and then rather than on every hit.
  if (Math.random() < 0.01) {
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 3_600_000)));
  }
  if (row && row.count > limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw rateLimited(retryAfter);
  }
}

function windowOf(now: Date, windowSeconds: number): Date {
  const windowMs = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

