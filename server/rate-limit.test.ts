import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { rejection } from "@/test/fixtures";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "./rate-limit";

const at = (iso: string) => new Date(iso);

describe.each(testDatabases())("enforceRateLimit on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const bucket = () => `test:${randomUUID()}`;

  it("allows `limit` hits in a minute, then refuses with 429 and Retry-After", async () => {
    const b = bucket();
    const now = at("2026-03-02T03:00:15Z");
    for (let i = 0; i < 3; i++) await enforceRateLimit(t.db, b, 3, now);
    const error = await rejection(enforceRateLimit(t.db, b, 3, now));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 429, code: "rate_limited" });
    // 15 s into the window: the client may try again in 45 s.
    expect((error as unknown as AppError).headers["Retry-After"]).toBe("45");
  });

  it.each([
    ["the start of a window", "2026-03-02T03:00:00.000Z"],
    ["the middle of a window", "2026-03-02T03:00:31.500Z"],
    ["the last millisecond of a window", "2026-03-02T03:00:59.999Z"],
  ])("gives a Retry-After between 1 and 60 seconds at %s", async (_name, iso) => {
    const b = bucket();
    await enforceRateLimit(t.db, b, 1, at(iso));
    const error = (await rejection(enforceRateLimit(t.db, b, 1, at(iso)))) as unknown as AppError;
    const retryAfter = Number(error.headers["Retry-After"]);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.extra).toEqual({ retryAfter });
  });

  it("keeps refusing for the rest of the window and allows again in the next one", async () => {
    const b = bucket();
    await enforceRateLimit(t.db, b, 1, at("2026-03-02T03:00:10Z"));
    await rejection(enforceRateLimit(t.db, b, 1, at("2026-03-02T03:00:20Z")));
    await rejection(enforceRateLimit(t.db, b, 1, at("2026-03-02T03:00:59Z")));
    await expect(enforceRateLimit(t.db, b, 1, at("2026-03-02T03:01:00Z"))).resolves.toBeUndefined();
  });

  it("counts each bucket (client address) on its own", async () => {
    const a = bucket();
    const b = bucket();
    const now = at("2026-03-02T04:00:00Z");
    await enforceRateLimit(t.db, a, 2, now);
    await enforceRateLimit(t.db, a, 2, now);
    await rejection(enforceRateLimit(t.db, a, 2, now));
    await expect(enforceRateLimit(t.db, b, 2, now)).resolves.toBeUndefined();
    await expect(enforceRateLimit(t.db, b, 2, now)).resolves.toBeUndefined();
  });

  it("turns off with limit 0 and then writes no counter at all", async () => {
    const b = bucket();
    const now = at("2026-03-02T05:00:00Z");
    for (let i = 0; i < 50; i++) await enforceRateLimit(t.db, b, 0, now);
    expect(await t.db.select().from(rateLimits).where(eq(rateLimits.bucket, b))).toHaveLength(0);
  });

  it("counts simultaneous hits exactly: with limit 5, 12 at once let 5 through", async () => {
    const b = bucket();
    const now = at("2026-03-02T06:00:00Z");
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => enforceRateLimit(t.db, b, 5, now)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 429 });
  });

  it.runIf(backend.name === "postgres")("shares the counter between two app processes on the same database", async () => {
    const other = t.openAnother()!;
    const b = bucket();
    const now = at("2026-03-02T07:00:00Z");
    await enforceRateLimit(t.db, b, 3, now);
    await enforceRateLimit(other.db, b, 3, now);
    await enforceRateLimit(t.db, b, 3, now);
    expect(await rejection(enforceRateLimit(other.db, b, 3, now))).toMatchObject({ status: 429 });
    expect(await rejection(enforceRateLimit(t.db, b, 3, now))).toMatchObject({ status: 429 });
  });
});
