import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "@/db/queries/audit";
import { auditLog, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { rejection } from "@/test/fixtures";
import { type ValidationError } from "@/lib/errors";
import { verifyPassword } from "@/lib/passwords";
import { createStaffAccount, resetStaffPassword, setStaffActive } from "./users";

describe.each(testDatabases())("staff accounts on $name", (backend) => {
  let t: TestDatabase;
  let adminId: number;
  beforeAll(async () => {
    t = await backend.open();
    adminId = (await createStaffAccount(t.db, { email: "admin.uji@pintu.test", name: "Admin Uji", role: "admin" }, CLI_ACTOR)).id;
  });
  afterAll(() => t?.dispose());
  const admin = () => ({ userId: adminId, role: "admin", address: "203.0.113.9" });

  const account = async (id: number) => (await t.db.select().from(users).where(eq(users.id, id)))[0]!;
  const fieldErrors = async (p: Promise<unknown>) => ((await rejection(p)) as unknown as ValidationError).fieldErrors;

  it("creates an OPD officer with a one-time password that signs in, and audits who did it", async () => {
    const created = await createStaffAccount(t.db, { email: " Petugas.Baru@Pintu.TEST ", name: "Petugas Baru", role: "opd_officer", opdCode: "disdukcapil" }, admin());
    expect(created.email).toBe("petugas.baru@pintu.test");
    const row = await account(created.id);
    expect(row).toMatchObject({ role: "opd_officer", active: true, sessionEpoch: 0 });
    expect(row.passwordHash).not.toContain(created.password);
    expect(await verifyPassword(row.passwordHash, created.password)).toBe(true);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.create"));
    expect(audit.find((a) => a.targetId === String(created.id))).toMatchObject({
      userId: adminId,
      actorRole: "admin",
      address: "203.0.113.9",
      targetKind: "user",
      after: { email: "petugas.baru@pintu.test", role: "opd_officer", opdCode: "DISDUKCAPIL" },
    });
  });

  it.each([
    [{ email: "bukan-email", name: "X Y", role: "coordinator" }, { email: ["email"] }],
    [{ email: "a@b.id", name: "X", role: "raja" }, { name: ["name"], role: ["role"] }],
    [{ email: "a@b.id", name: "Kepala", role: "opd_head" }, { opdCode: ["opdRequired"] }],
    [{ email: "a@b.id", name: "Koordinator", role: "coordinator", opdCode: "DISDUKCAPIL" }, { opdCode: ["opdNotApplicable"] }],
    [{ email: "a@b.id", name: "Petugas", role: "opd_officer", opdCode: "TIDAK-ADA" }, { opdCode: ["opdUnknown"] }],
    [{ email: "ADMIN.UJI@pintu.test", name: "Lagi", role: "auditor" }, { email: ["emailTaken"] }],
  ])("refuses %j with every problem named, creating nothing", async (input, expected) => {
    const before = (await t.db.select().from(users)).length;
    expect(await fieldErrors(createStaffAccount(t.db, input, admin()))).toEqual(expected);
    expect(await t.db.select().from(users)).toHaveLength(before);
  });

  it("a reset replaces the password and ends the account's sessions", async () => {
    const created = await createStaffAccount(t.db, { email: "reset@pintu.test", name: "Reset Saya", role: "auditor" }, admin());
    const done = await resetStaffPassword(t.db, created.id, admin());
    const row = await account(created.id);
    expect(row.sessionEpoch).toBe(1);
    expect(await verifyPassword(row.passwordHash, created.password)).toBe(false);
    expect(await verifyPassword(row.passwordHash, done.password)).toBe(true);
  });

  it("deactivation ends sessions; reactivation does not revive them; nobody deactivates themself", async () => {
    const created = await createStaffAccount(t.db, { email: "nonaktif@pintu.test", name: "Non Aktif", role: "coordinator" }, admin());
    await setStaffActive(t.db, created.id, false, admin());
    expect(await account(created.id)).toMatchObject({ active: false, sessionEpoch: 1 });
    await setStaffActive(t.db, created.id, true, admin());
    expect(await account(created.id)).toMatchObject({ active: true, sessionEpoch: 1 });
    expect(await fieldErrors(setStaffActive(t.db, adminId, false, admin()))).toEqual({ _form: ["selfDeactivate"] });
    expect(await fieldErrors(resetStaffPassword(t.db, adminId, admin()))).toEqual({ _form: ["selfReset"] });
    expect(await account(adminId)).toMatchObject({ active: true });
  });
});
