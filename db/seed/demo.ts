import { eq } from "drizzle-orm";
import { seedDemoOpen311Key } from "@/server/open311/keys";
import { hashPassword } from "@/lib/passwords";
import type { Db } from "@/db/client";
import { opds, users } from "@/db/schema";

export const DEMO_PASSWORD = "pintu-demo";

/** The demo accounts of CONTRACTS.md; only ever created when PINTU_DEMO is on. */
export const DEMO_USERS = [
  { email: "admin@pintu.test", name: "Admin SP4N", role: "admin", opd: null },
  { email: "koordinator@pintu.test", name: "Tim Koordinasi", role: "coordinator", opd: null },
  { email: "disdukcapil@pintu.test", name: "Petugas Disdukcapil", role: "opd_officer", opd: "DISDUKCAPIL" },
  { email: "kepala.disdukcapil@pintu.test", name: "Kepala Disdukcapil", role: "opd_head", opd: "DISDUKCAPIL" },
  { email: "binamarga@pintu.test", name: "Petugas Bina Marga", role: "opd_officer", opd: "BINAMARGA" },
  { email: "auditor@pintu.test", name: "Auditor Inspektorat", role: "auditor", opd: null },
] as const;

/** Demo accounts (and, later, demo complaints); safe to run again. */
export async function seedDemo(db: Db, _region: string): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const [opd] = u.opd ? await db.select({ id: opds.id }).from(opds).where(eq(opds.code, u.opd)) : [];
    await db
      .insert(users)
      .values({ email: u.email, name: u.name, role: u.role, opdId: opd?.id ?? null, passwordHash })
      .onConflictDoNothing({ target: users.email });
  }
  // The Open311 demo key `pintu-demo-open311` (CONTRACTS.md).
  await seedDemoOpen311Key(db);
}
