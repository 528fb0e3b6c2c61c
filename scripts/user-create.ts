import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { opds, users } from "../db/schema";
import { ROLES, type Role } from "../domain/complaint-status";
import { env } from "../server/env";
import { hashPassword } from "../server/passwords";
import { runScript, UsageError } from "./run-script";

/** `npm run user:create -- --email … --role … [--opd CODE] [--name …]`: prints a one-time password. */
await runScript(async () => {
  const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, opd: { type: "string" }, name: { type: "string" } } });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError("--email must be an email address");
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of: ${ROLES.join(", ")}`);
  const role = values.role as Role;
  const needsOpd = role === "opd_officer" || role === "opd_head";
  if (needsOpd && !values.opd) throw new UsageError(`--opd CODE is required for ${role}`);
  if (!needsOpd && values.opd) throw new UsageError(`--opd applies only to opd_officer and opd_head`);

  const e = env();
  const handle = openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
  try {
    await migrateDb(handle);
    let opdId: number | null = null;
    if (values.opd) {
      const [opd] = await handle.db.select({ id: opds.id }).from(opds).where(eq(opds.code, values.opd.toUpperCase()));
      if (!opd) throw new UsageError(`Unknown OPD code ${values.opd} (run npm run db:seed first?)`);
      opdId = opd.id;
    }
    const password = randomBytes(12).toString("base64url");
    const inserted = await handle.db
      .insert(users)
      .values({ email, name: values.name ?? email, role, opdId, passwordHash: await hashPassword(password) })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (inserted.length === 0) throw new UsageError(`A user with email ${email} already exists`);
    console.log(`Created ${role} ${email}. One-time password (shown once; change it after signing in):\n${password}`);
  } finally {
    await handle.close();
  }
});
