import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/db/testing";
import { rejection } from "@/test/fixtures";
import { type ValidationError } from "./errors";
import { verifyPassword } from "./passwords";
import { createStaffAccount, resetStaffPassword, setStaffActive } from "./users";

describe.each(testDatabases())("staff accounts on $name", (backend) => {
  let t: TestDatabase;
  let adminId: number;
  beforeAll(async () => {
    t = await backend.open();
    adminId = (await createStaffAccount(t.db, { email: "admin.uji@pintu.test", name: "Admin Uji", role: "admin" }, null)).id;
  });
  afterAll(() => t?.dispose());

  const account = async (id: number) => (await t.db.select().from(users).where(eq(users.id, id)))[0]!;
  const fieldErrors = async (p: Promise<unknown>) => ((await rejection(p)) as unknown as ValidationError).fieldErrors;

  it("creates an OPD officer with a one-time password that signs in, and audits who did it", async () => {
    const created = await createStaffAccount(t.db, { email: " Petugas.Baru@Pintu.TEST ", name: "Petugas Baru", role: "opd_officer", opdCode: "disdukcapil" }, adminId);
    expect(created.email).toBe("petugas.baru@pintu.test");
    const row = await account(created.id);
    expect(row).toMatchObject({ role: "opd_officer", active: true, sessionEpoch: 0 });
    expect(row.passwordHash).not.toContain(created.password);
    expect(await verifyPassword(row.passwordHash, created.password)).toBe(true);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, "user.create"));
    expect(audit.find((a) => a.data?.targetUserId === created.id)).toMatchObject({ userId: adminId });
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
    expect(await fieldErrors(createStaffAccount(t.db, input, adminId))).toEqual(expected);
    expect(await t.db.select().from(users)).toHaveLength(before);
  });

  it("a reset replaces the password and ends the account's sessions", async () => {
    const created = await createStaffAccount(t.db, { email: "reset@pintu.test", name: "Reset Saya", role: "auditor" }, adminId);
    const done = await resetStaffPassword(t.db, created.id, adminId);
    const row = await account(created.id);
    expect(row.sessionEpoch).toBe(1);
    expect(await verifyPassword(row.passwordHash, created.password)).toBe(false);
    expect(await verifyPassword(row.passwordHash, done.password)).toBe(true);
  });

  it("deactivation ends sessions; reactivation does not revive them; nobody deactivates themself", async () => {
    const created = await createStaffAccount(t.db, { email: "nonaktif@pintu.test", name: "Non Aktif", role: "coordinator" }, adminId);
    await setStaffActive(t.db, created.id, false, adminId);
    expect(await account(created.id)).toMatchObject({ active: false, sessionEpoch: 1 });
    await setStaffActive(t.db, created.id, true, adminId);
    expect(await account(created.id)).toMatchObject({ active: true, sessionEpoch: 1 });
    expect(await fieldErrors(setStaffActive(t.db, adminId, false, adminId))).toEqual({ _form: ["selfDeactivate"] });
    expect(await fieldErrors(resetStaffPassword(t.db, adminId, adminId))).toEqual({ _form: ["selfReset"] });
    expect(await account(adminId)).toMatchObject({ active: true });
  });
});
