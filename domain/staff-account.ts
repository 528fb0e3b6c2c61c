import { z } from "zod";
import { ROLES, type Role } from "./complaint-status";

/** Roles that belong to one OPD and so need it named. */
const OPD_ROLES: readonly Role[] = ["opd_officer", "opd_head"];

/**
 * A new staff account as an administrator (or `npm run user:create`) describes it. Messages are
 * catalogue keys under `staff.users.errors`.
 */
export const staffAccountSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(254, "email").regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "email"),
    name: z.string().trim().min(2, "name").max(120, "name"),
    role: z.enum(ROLES, { error: "role" }),
    opdCode: z
      .string()
      .trim()
      .toUpperCase()
      .max(40)
      .optional()
      .transform((v) => v || undefined),
  })
  .superRefine((v, ctx) => {
    const needsOpd = OPD_ROLES.includes(v.role);
    if (needsOpd && !v.opdCode) ctx.addIssue({ code: "custom", path: ["opdCode"], message: "opdRequired" });
    if (!needsOpd && v.opdCode) ctx.addIssue({ code: "custom", path: ["opdCode"], message: "opdNotApplicable" });
  });


/** A staff member's own password: at least this many characters (and at most 1024, argon2's input stays small). */
const PASSWORD_MIN = 10;

/**
 * The password policy, as the "change my password" form checks it. Messages are catalogue keys
 * under `staff.account`: "weak" (too short or too long), "mismatch" (typed twice differently).
 */
export const passwordChangeSchema = z
  .object({ current: z.string().max(1024, "wrong"), next: z.string().min(PASSWORD_MIN, "weak").max(1024, "weak"), confirm: z.string() })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "mismatch" });
