import { randomBytes, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reporterChallenges } from "@/db/schema-reporter";
import { enqueue } from "@/db/queries/outbox";
import { complaints } from "@/db/schema";
import { contactMatches, parseContact } from "@/domain/contact";
import { topicFor } from "@/domain/outbox-topics";
import { enforceRateLimit } from "./rate-limit";
import { mintReporterKey, oneTimeCodeHash } from "./reporter-keys";
import { sha256 } from "./secrets";

/**
 * "Saya pelapor aduan ini": a reporter who lost their private link proves they hold the phone or
 * e-mail they gave and gets a new link (the old ones stay valid). The answer to a request is the
 * same whether or not the contact matches — a challenge is recorded either way and only a
 * matching one gets a code (through the outbox; the worker draws it and stores it hashed), so
 * nobody learns a complaint's contact by trying. Limited per complaint, per contact and per
 * client address; a code expires and allows few tries.
 */

export const CODE_MINUTES = 15;
export const MAX_TRIES = 5;
/** Per hour. */
export const RECOVERY_LIMITS = { perComplaint: 5, perContact: 5, perAddress: 10 } as const;

export type RecoveryRequest = { trackingCode: string; contact: string; address: string; now: Date };
export type RecoveryStart = { ok: true; challengeId: string; channel: "sms" | "email" } | { ok: false; error: "contactInvalid" | "unknown" };

export async function startRecovery(db: Db, req: RecoveryRequest): Promise<RecoveryStart> {
  const contact = parseContact(req.contact.slice(0, 254));
  if (!contact) return { ok: false, error: "contactInvalid" };
  const [c] = await db
    .select({ id: complaints.id, phone: complaints.reporterPhone, email: complaints.reporterEmail })
    .from(complaints)
    .where(eq(complaints.trackingCode, req.trackingCode));
  if (!c) return { ok: false, error: "unknown" };
  // Every limit is counted before the contact is compared: a refusal tells nothing either.
  await enforceRateLimit(db, `recover-address:${req.address}`, RECOVERY_LIMITS.perAddress, req.now, 3600);
  await enforceRateLimit(db, `recover-complaint:${c.id}`, RECOVERY_LIMITS.perComplaint, req.now, 3600);
  await enforceRateLimit(db, `recover-contact:${sha256(contact.value)}`, RECOVERY_LIMITS.perContact, req.now, 3600);
  const challengeId = randomBytes(18).toString("base64url");
  const matches = contactMatches(contact, c);
  await db.transaction(async (tx) => {
    await tx.insert(reporterChallenges).values({
      id: challengeId,
      complaintId: c.id,
      channel: contact.channel,
      expiresAt: new Date(req.now.getTime() + CODE_MINUTES * 60_000),
      createdAt: req.now,
    });
    if (matches) {
      await enqueue(tx, topicFor(contact.channel, "reporter_code"), { complaintId: c.id, payload: { challengeId }, now: req.now });
    }
  });
  return { ok: true, challengeId, channel: contact.channel };
}

export type RecoveryCheck = { ok: true; key: string } | { ok: false; error: "codeFormat" | "expired" } | { ok: false; error: "wrongCode"; left: number };

/** Checks a one-time code; on success marks it used and mints a new private link, in one transaction. */
export async function finishRecovery(db: Db, req: { trackingCode: string; challengeId: string; code: string; now: Date }): Promise<RecoveryCheck> {
  const code = req.code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) return { ok: false, error: "codeFormat" };
  return db.transaction(async (tx) => {
    const [ch] = await tx
      .select({ id: reporterChallenges.id, complaintId: reporterChallenges.complaintId, codeHash: reporterChallenges.codeHash, attempts: reporterChallenges.attempts, expiresAt: reporterChallenges.expiresAt, usedAt: reporterChallenges.usedAt, trackingCode: complaints.trackingCode })
      .from(reporterChallenges)
      .innerJoin(complaints, eq(complaints.id, reporterChallenges.complaintId))
      .where(eq(reporterChallenges.id, req.challengeId.slice(0, 64)))
      .for("update", { of: reporterChallenges });
    if (!ch || ch.trackingCode !== req.trackingCode || ch.usedAt || ch.expiresAt <= req.now || ch.attempts >= MAX_TRIES) return { ok: false, error: "expired" } as const;
    const given = Buffer.from(oneTimeCodeHash(ch.id, code), "hex");
    const right = ch.codeHash !== null && given.length === 32 && timingSafeEqual(given, Buffer.from(ch.codeHash, "hex"));
    if (!right) {
      await tx.update(reporterChallenges).set({ attempts: sql`${reporterChallenges.attempts} + 1` }).where(eq(reporterChallenges.id, ch.id));
      const left = MAX_TRIES - ch.attempts - 1;
      return left > 0 ? ({ ok: false, error: "wrongCode", left } as const) : ({ ok: false, error: "expired" } as const);
    }
    await tx.update(reporterChallenges).set({ usedAt: req.now, attempts: sql`${reporterChallenges.attempts} + 1` }).where(eq(reporterChallenges.id, ch.id));
    return { ok: true, key: await mintReporterKey(tx as unknown as Db, ch.complaintId, "recovered", req.now) } as const;
  });
}
