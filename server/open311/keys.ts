import { randomBytes } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { open311Clients, open311Requests } from "@/db/schema-open311";
import { ValidationError, notFound } from "@/lib/errors";
import { sha256 } from "@/server/secrets";

/** The demo deployment's fixed key (CONTRACTS.md), seeded with the demo data only. */
const DEMO_OPEN311_KEY = "pintu-demo-open311";
const DEMO_OPEN311_CLIENT = "Demo (Open311)";
export const DEFAULT_OPEN311_RATE = 600;
const MAX_RATE = 100_000;

export type Open311Client = { id: number; name: string; rateLimit: number };

/** A new key: 32 random bytes, URL-safe, prefixed so it is recognisable in a configuration file. */
const newKey = () => `o311_${randomBytes(32).toString("base64url")}`;

/** Validates a client's name and rate limit as the admin screen and the command line give them. */
function parseClientInput(raw: { name?: unknown; rateLimit?: unknown }): { name: string; rateLimit: number } {
  const name = typeof raw.name === "string" ? raw.name.trim() : "";
  const rateText = raw.rateLimit === undefined || raw.rateLimit === "" ? String(DEFAULT_OPEN311_RATE) : String(raw.rateLimit).trim();
  const rateLimit = /^\d{1,6}$/.test(rateText) ? Number(rateText) : NaN;
  const errors: Record<string, string[]> = {};
  if (name.length < 2 || name.length > 100) errors.name = ["open311ClientName"];
  if (!Number.isInteger(rateLimit) || rateLimit < 0 || rateLimit > MAX_RATE) errors.rateLimit = ["open311RateLimit"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { name, rateLimit };
}

/**
 * Creates a client and its key. The key is returned once and stored only as its SHA-256; the
 * creation is audited (`CLI_ACTOR` from the command line).
 */
export async function createOpen311Key(db: Db, raw: { name?: unknown; rateLimit?: unknown }, actor: AuditActor): Promise<{ id: number; name: string; key: string }> {
  const input = parseClientInput(raw);
  const key = newKey();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(open311Clients)
      .values({ name: input.name, rateLimit: input.rateLimit, keyHash: sha256(key), keyHint: key.slice(0, 9), createdBy: actor.userId })
      .returning({ id: open311Clients.id });
    await writeAudit(tx, { actor, action: "open311.key_create", target: { kind: "open311_client", id: row!.id }, after: { name: input.name, rateLimit: input.rateLimit } });
    return { id: row!.id, name: input.name, key };
  });
}

/** Renames a client or changes its rate limit (audited). */
export async function updateOpen311Client(db: Db, id: number, raw: { name?: unknown; rateLimit?: unknown }, actor: AuditActor): Promise<void> {
  const input = parseClientInput(raw);
  await db.transaction(async (tx) => {
    const [was] = await tx.select({ name: open311Clients.name, rateLimit: open311Clients.rateLimit }).from(open311Clients).where(eq(open311Clients.id, id)).for("update");
    if (!was) throw notFound();
    await tx.update(open311Clients).set(input).where(eq(open311Clients.id, id));
    await writeAudit(tx, { actor, action: "open311.key_update", target: { kind: "open311_client", id }, before: was, after: input });
  });
}

/** Revokes a key for good (audited); requests with it are refused from then on. */
export async function revokeOpen311Key(db: Db, id: number, actor: AuditActor, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(open311Clients)
      .set({ revokedAt: now, revokedBy: actor.userId })
      .where(sql`${open311Clients.id} = ${id} and ${open311Clients.revokedAt} is null`)
      .returning({ id: open311Clients.id });
    if (!row) throw notFound();
    await writeAudit(tx, { actor, at: now, action: "open311.key_revoke", target: { kind: "open311_client", id }, after: { revoked: true } });
  });
}

/** The demo key, when demo data is seeded; safe to run again. */
export async function seedDemoOpen311Key(db: Db): Promise<void> {
  await db
    .insert(open311Clients)
    .values({ name: DEMO_OPEN311_CLIENT, keyHash: sha256(DEMO_OPEN311_KEY), keyHint: DEMO_OPEN311_KEY.slice(0, 9), rateLimit: DEFAULT_OPEN311_RATE })
    .onConflictDoNothing({ target: open311Clients.keyHash });
}

/** Every client for the admin screen, newest first, with how many complaints each filed; never a key. */
export function listOpen311Clients(db: Db) {
  return db
    .select({
      id: open311Clients.id,
      name: open311Clients.name,
      keyHint: open311Clients.keyHint,
      rateLimit: open311Clients.rateLimit,
      createdAt: open311Clients.createdAt,
      revokedAt: open311Clients.revokedAt,
      filed: sql<number>`(select count(*)::int from ${open311Requests} r where r.client_id = ${open311Clients.id})`,
    })
    .from(open311Clients)
    .orderBy(desc(open311Clients.createdAt), desc(open311Clients.id));
}

/** The active client holding `key`, or null (unknown or revoked). */
// Looked up on every request (one indexed read), never cached in the process: the admin screen
// (Next's page chunks) and the Open311 route (its route-handler chunks) are separate module
// instances and would each hold a copy, and a revoke must take effect at once everywhere.
export async function clientForKey(db: Db, key: string): Promise<Open311Client | null> {
  if (!key || key.length > 200) return null;
  const hash = sha256(key);
  const [row] = await db
    .select({ id: open311Clients.id, name: open311Clients.name, rateLimit: open311Clients.rateLimit, revokedAt: open311Clients.revokedAt })
    .from(open311Clients)
    .where(eq(open311Clients.keyHash, hash));
  return row && row.revokedAt === null ? { id: row.id, name: row.name, rateLimit: row.rateLimit } : null;
}
