import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { desc, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { can, type Capability } from "@/domain/permissions";
import type { Role } from "@/domain/complaint-status";
import { probeFixtures, probeStaff, type ProbeStaff } from "@/test/audit-fixtures";
import { AUDIT_REGISTRY, AUDITED_READS, type Probe } from "@/test/audit-registry";

/**
 * Audit completeness (issue 14): every server action and every write route is in
 * test/audit-registry.ts, either exempt with a reason or called here for real — through Next's
 * request-scoped functions replaced by stand-ins, against a real database — and then leaves
 * exactly one new audit row of the registered action with the actor, their role and address.
 */

const ROOT = join(import.meta.dirname, "..");
// Some of Next's modules, once imported, put a File polyfill on globalThis; FormData keeps
// handing out Node's own File, so an upload would not be `instanceof File`. Put Node's back.
const NodeFile = globalThis.File;
const ADDRESS = "192.0.2.50";

// ── Next's request scope, stood in for (the database and our code stay real) ────────────────
const scope = vi.hoisted(() => ({
  db: null as unknown,
  staff: null as unknown,
  receipt: null as string | null,
}));

class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
class NotFound extends Error {}

vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
  notFound: () => {
    throw new NotFound("not found");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "pintu.test" }),
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));
vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("@/server/client-address", () => ({ clientAddress: () => "192.0.2.50" }));
vi.mock("@/server/db", () => ({ getDb: () => scope.db }));
vi.mock("@/server/auth", () => ({
  auth: async () => null,
  signIn: async (_p: string, o: { redirectTo?: string }) => {
    throw new Redirect(o.redirectTo ?? "/");
  },
  signOut: async () => {},
}));
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("@/server/staff", () => ({
  currentStaff: async () => scope.staff,
  requireStaff: async (capability?: Capability, roles?: readonly Role[]) => {
    const s = scope.staff as ProbeStaff;
    if ((capability && !can(s.role, capability)) || (roles && !roles.includes(s.role))) throw new NotFound("not allowed");
    return s;
  },
}));
vi.mock("@/server/receipt", () => ({
  readReceiptCookie: async () => (scope.receipt ? { code: scope.receipt, kind: "staff" } : null),
  setReceiptCookie: async () => {},
}));
vi.mock("@/server/lapor-status", () => ({
  laporReader: () => ({ status: async () => null, refs: async () => new Map() }),
}));

// ── The enumeration ───────────────────────────────────────────────────────────────────────────
function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** "<file>#<export>" of every server action and every POST/PUT/PATCH/DELETE route handler. */
function enumerateWrites(): string[] {
  const found: string[] = [];
  for (const file of [...files(join(ROOT, "app")), ...files(join(ROOT, "server"))]) {
    const text = readFileSync(file, "utf8");
    const rel = relative(ROOT, file).split("\\").join("/");
    if (/^\s*["']use server["'];?/m.test(text)) {
      for (const m of text.matchAll(/^export\s+(?:async\s+function\s+(\w+)|const\s+(\w+)\s*=)/gm)) found.push(`${rel}#${m[1] ?? m[2]}`);
      for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) for (const n of m[1]!.split(",")) if (n.trim()) found.push(`${rel}#${n.trim().split(/\s+as\s+/).pop()}`);
    }
    if (/(^|\/)route\.tsx?$/.test(rel)) {
      for (const m of text.matchAll(/^export\s+(?:async\s+)?(?:function|const)\s+(POST|PUT|PATCH|DELETE)\b/gm)) found.push(`${rel}#${m[1]}`);
      for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm)) for (const n of m[1]!.split(",")) {
        const name = n.trim().split(/\s+as\s+/).pop();
        if (name && /^(POST|PUT|PATCH|DELETE)$/.test(name)) found.push(`${rel}#${name}`);
      }
    }
  }
  return [...new Set(found)].sort();
}

describe("audit completeness: the registry", () => {
  it("names every server action and write route, and nothing that is gone", () => {
    const enumerated = enumerateWrites();
    expect(enumerated.length).toBeGreaterThan(20);
    const missing = enumerated.filter((k) => !(k in AUDIT_REGISTRY));
    const stale = Object.keys(AUDIT_REGISTRY).filter((k) => !enumerated.includes(k));
    expect(missing, "new server actions/routes: add each to test/audit-registry.ts (audited with a probe, or exempt with a reason)").toEqual([]);
    expect(stale, "listed in test/audit-registry.ts but no longer in the code").toEqual([]);
  });

  it("every exemption gives its reason, and only non-staff or own-session writes are exempt", () => {
    for (const [key, e] of Object.entries(AUDIT_REGISTRY)) {
      if (!("exempt" in e)) continue;
      expect(e.exempt.length, key).toBeGreaterThan(15);
      expect(key.startsWith("app/(staff)/") ? /own|reader/.test(e.exempt) : true, `${key} is a staff page's action: audit it`).toBe(true);
    }
  });

  it("one audit writer: nothing but db/queries/audit.ts inserts into audit_log", () => {
    const offenders: string[] = [];
    for (const dir of ["app", "server", "db", "jobs", "integrations", "scripts", "lapor-sim"]) {
      let list: string[];
      try {
        list = files(join(ROOT, dir));
      } catch {
        continue;
      }
      for (const file of list) {
        const rel = relative(ROOT, file).split("\\").join("/");
        if (rel === "db/queries/audit.ts" || rel.startsWith("db/migrations/")) continue;
        const text = readFileSync(file, "utf8");
        if (/insert\(\s*auditLog\s*\)|insert\s+into\s+"?audit_log/i.test(text)) offenders.push(rel);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe.each(testDatabases())("audit completeness: each staff write leaves one audit row on $name", (backend) => {
  let t: TestDatabase;
  let staff: Record<Role, ProbeStaff>;
  beforeAll(async () => {
    t = await backend.open();
    scope.db = t.db;
    staff = await probeStaff(t.db);
  });
  afterAll(() => t?.dispose());

  const probes: [string, string, Probe][] = [
    ...Object.entries(AUDIT_REGISTRY).flatMap(([k, e]) => ("audit" in e ? [[k, e.audit, e.probe] as [string, string, Probe]] : [])),
    ...Object.entries(AUDITED_READS).map(([k, e]) => [k, e.audit, e.probe] as [string, string, Probe]),
  ];

  it.each(probes)("%s → %s", async (key, action, probe) => {
    const [file, name] = key.split("#") as [string, string];
    const mod = (await import(/* @vite-ignore */ join(ROOT, file))) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect(typeof mod[name], `${key} is not exported`).toBe("function");
    globalThis.File = NodeFile;
    const who = staff[probe.as];
    scope.staff = who;
    scope.receipt = null;
    const f = probeFixtures(t.db, { set: (code) => (scope.receipt = code) });
    const args = await probe.args(f);
    const [last] = await t.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const since = last?.id ?? 0;
    const started = Date.now();
    try {
      // A form action (lib/action.ts) answers a failure instead of throwing: that is no audited write.
      const answer = (await mod[name]!(...args)) as { ok?: boolean; fieldErrors?: unknown; formError?: unknown } | undefined;
      expect(answer?.ok === false ? { fieldErrors: answer.fieldErrors, formError: answer.formError } : null, `${key} answered a failure`).toBeNull();
    } catch (err) {
      if (!(err instanceof Redirect)) throw err;
      expect(err.url, `${key} redirected to an error`).not.toMatch(/[?&](error|policyError)=/);
    }
    const rows = await t.db.select().from(auditLog).where(gt(auditLog.id, since));
    expect(rows.map((r) => r.action)).toEqual([action]);
    const row = rows[0]!;
    expect(row).toMatchObject({ userId: who.id, actorRole: who.role, address: ADDRESS });
    expect(row.at.getTime()).toBeGreaterThanOrEqual(started - 60_000);
    expect(row.complaintId !== null || row.targetKind !== null, "an audit row names what it is about").toBe(true);
    expect(JSON.stringify([row.before, row.after, row.data])).not.toMatch(/sandi-|passwordHash|\$argon2/);
  });
});
