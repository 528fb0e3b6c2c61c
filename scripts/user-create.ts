import { parseArgs } from "node:util";
import { openDb } from "@/db/client";
import { migrateDb } from "@/db/migrate";
import { ROLES } from "@/domain/complaint-status";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { CLI_ACTOR } from "@/db/queries/audit";
import { createStaffAccount } from "@/server/users";
import { runScript, UsageError } from "./run-script";

const PROBLEMS: Record<string, string> = {
  email: "--email must be an email address",
  name: "--name must be 2–120 characters",
  role: `--role must be one of: ${ROLES.join(", ")}`,
  opdRequired: "--opd CODE is required for opd_officer and opd_head",
  opdNotApplicable: "--opd applies only to opd_officer and opd_head",
  opdUnknown: "unknown OPD code (run npm run db:seed first?)",
  emailTaken: "a user with this email already exists",
};

/** `npm run user:create -- --email … --role … [--opd CODE] [--name …]`: prints a one-time password. */
await runScript(async () => {
  const { values } = parseArgs({ options: { email: { type: "string" }, role: { type: "string" }, opd: { type: "string" }, name: { type: "string" } } });
  const e = env();
  const handle = openDb({ url: e.DATABASE_URL, dataDir: e.DATA_DIR, poolSize: 1 });
  try {
    await migrateDb(handle);
    const input = { email: values.email ?? "", name: values.name ?? values.email ?? "", role: values.role ?? "", opdCode: values.opd };
    const created = await createStaffAccount(handle.db, input, CLI_ACTOR).catch((err: unknown) => {
      if (err instanceof ValidationError) {
        const keys = Object.values(err.fieldErrors).flat();
        throw new UsageError(keys.map((k) => PROBLEMS[k] ?? k).join("; "));
      }
      throw err;
    });
    console.log(`Created ${input.role} ${created.email}. One-time password (shown once; change it after signing in):\n${created.password}`);
  } finally {
    await handle.close();
  }
});
