import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokedSessions, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { isSessionRevoked, revokeSession } from "./users";

/** Signing out one session (issue 12 item 8): its id is refused; others are not; old rows go. */
describe.each(testDatabases())("signed-out sessions on $name", (backend) => {
  let t: TestDatabase;
  let userId: number;
  beforeAll(async () => {
    t = await backend.open();
    const [row] = await t.db.insert(users).values({ email: "keluar.uji@pintu.test", name: "Keluar Uji", passwordHash: "x", role: "coordinator" }).returning({ id: users.id });
    userId = row!.id;
  });
  afterAll(() => t?.dispose());

  it("refuses the signed-out session only, twice signing out is harmless, and expired rows are deleted by the next sign-out", async () => {
    const later = new Date(Date.now() + 8 * 3600_000);
    await revokeSession(t.db, "sesi-a", userId, later);
    await revokeSession(t.db, "sesi-a", userId, later);
    expect(await isSessionRevoked(t.db, "sesi-a")).toBe(true);
    expect(await isSessionRevoked(t.db, "sesi-b")).toBe(false);

    await t.db.insert(revokedSessions).values({ sid: "sesi-lama", userId, expiresAt: new Date(Date.now() - 1000) });
    await revokeSession(t.db, "sesi-c", userId, later);
    const left = await t.db.select({ sid: revokedSessions.sid }).from(revokedSessions).orderBy(sql`sid`);
    expect(left.map((r) => r.sid)).toEqual(["sesi-a", "sesi-c"]);
  });
});
