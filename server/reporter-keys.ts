import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reporterKeys } from "@/db/schema-reporter";
import { newAccessKey, sha256 } from "./secrets";

/**
 * The reporter's further private links (besides the intake key): minted when a link is sent to
 * their contact or after a one-time code; only hashes are stored and every link stays valid.
 * Plain module (no Next): the worker mints too.
 */
export async function mintReporterKey(db: Db, complaintId: number, reason: "sent" | "recovered", now: Date): Promise<string> {
  const key = newAccessKey();
  await db.insert(reporterKeys).values({ complaintId, keyHash: sha256(key), reason, createdAt: now });
  return key;
}

/** Whether `key` is one of the further links of complaint `complaintId`. */
export async function isReporterKey(db: Db, complaintId: number, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: reporterKeys.id })
    .from(reporterKeys)
    .where(and(eq(reporterKeys.complaintId, complaintId), eq(reporterKeys.keyHash, sha256(key))));
  return row !== undefined;
}

/** The path of a reporter's private page; `short` is the SMS form (`/k/<code tail>/<key>`, region implied). */
export function privatePath(code: string, key: string, short = false): string {
  return short ? `/k/${code.slice(code.indexOf("-") + 1)}/${key}` : `/lacak/${code}?key=${encodeURIComponent(key)}`;
}

/** A one-time code of 6 digits, leading zeros kept. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/** What is stored of a one-time code: salted by its challenge, never the code itself. */
export function oneTimeCodeHash(challengeId: string, code: string): string {
  return sha256(`${challengeId}:${code}`);
}
