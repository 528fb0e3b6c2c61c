import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { listAttachments, trackingExtras } from "@/db/queries/attachments";
import { findComplaintByCode, listPublicEvents } from "@/db/queries/complaints";
import type { Channel, ComplaintStatus } from "@/domain/complaint-status";
import { redactIdentity } from "@/domain/redact";
import { deadlineOutcome, type DeadlineOutcome } from "@/domain/sla";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { isReporterKey } from "./reporter-keys";
import { sha256 } from "./secrets";

export type TimelineEntry = {
  id: number;
  at: Date;
  status: ComplaintStatus | null;
  action: string;
  channel: Channel | null;
  target: string | null;
  message: string | null;
  /** The reporter's own words of a reply (`reporter_reply`), only for the reporter holding the key. */
  ownText: string | null;
};

export type PublicComplaint = {
  trackingCode: string;
  status: ComplaintStatus;
  /** Everything below is absent for a confidential complaint viewed without its key. */
  full: null | {
    channel: Channel;
    title: string;
    body: string;
    category: { code: string; name: string } | null;
    opd: { code: string; name: string } | null;
    area: { kecamatan: string; kelurahan: string | null } | null;
    address: string | null;
    /** Where the problem is, as the reporter placed it (the address's point; not shown on the page, given to Open311 clients). */
    location: { lat: number; lon: number } | null;
    createdAt: Date;
    deadlines: { verification: Date | null; firstResponse: Date | null; resolution: Date | null };
    /** Each deadline met, late, missed… (domain/sla.ts `deadlineOutcome`) and when its step was done. */
    outcomes: Record<"verification" | "firstResponse" | "resolution", { outcome: DeadlineOutcome | null; done: Date | null }>;
    timeline: TimelineEntry[];
    attachmentCount: number;
  };
  confidential: boolean;
  /** Set when merged: the reporter follows the primary complaint of the cluster. */
  mergedIntoCode: string | null;
  /** null: no key given; true/false: whether the given key matches. */
  keyValid: boolean | null;
  /** For the reporter holding the key: what the workflow table needs to offer their actions. */
  workflow: { previousStatus: ComplaintStatus | null; mergedInto: number | null; rating: number | null; autoCloseDue: Date | null } | null;
};

/** True when `given` is the reporter's key of a complaint whose key hash is `storedHash` (constant time). */
export function keyMatches(given: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(given), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The public view of a complaint: never the reporter's identity; for a confidential complaint
 * only its status unless the reporter's access key is presented. Null when the code is unknown.
 */
export async function loadPublicComplaint(db: Db, rawCode: string, region: string, key?: string | null, now = new Date()): Promise<PublicComplaint | null> {
  const code = normalizeTrackingCode(rawCode, region);
  if (!code) return null;
  const c = await findComplaintByCode(db, code);
  if (!c) return null;
  // The intake key, or a further link sent to the reporter or recovered with a one-time code.
  const keyValid = key ? keyMatches(key, c.accessKeyHash) || (await isReporterKey(db, c.id, key)) : null;
  const base = {
    trackingCode: c.trackingCode,
    status: c.status,
    confidential: c.confidential,
    mergedIntoCode: c.primaryCode,
    keyValid,
    workflow: keyValid ? { previousStatus: c.previousStatus, mergedInto: c.primaryId, rating: c.rating, autoCloseDue: c.autoCloseDue } : null,
  };
  if (c.confidential && keyValid !== true) return { ...base, full: null };

  const events = await listPublicEvents(db, c.id);
  // The public sees the text with any phone number, e-mail or NIK the citizen typed hidden, and
  // the reporter's own recorded name; the reporter, holding the key, sees exactly what they wrote.
  const shown = keyValid === true ? (s: string) => s : (s: string) => redactIdentity(s, c);
  return {
    ...base,
    full: {
      channel: c.channel,
      title: shown(c.title),
      body: shown(c.body),
      category: c.categoryCode && c.categoryName ? { code: c.categoryCode, name: c.categoryName } : null,
      opd:
        c.opdCode && c.opdName
          ? { code: c.opdCode, name: c.opdName }
          : c.externalCode && c.externalName
            ? { code: c.externalCode, name: c.externalName }
            : null,
      area: c.kecamatanName ? { kecamatan: c.kecamatanName, kelurahan: c.kelurahanName } : null,
      address: c.address === null ? null : shown(c.address),
      location: c.lat !== null && c.lon !== null ? { lat: c.lat, lon: c.lon } : null,
      createdAt: c.createdAt,
      deadlines: { verification: c.verificationDue, firstResponse: c.firstResponseDue, resolution: c.resolutionDue },
      outcomes: {
        verification: { outcome: deadlineOutcome(c.verificationDue, c.verifiedAt, c.status, now), done: c.verifiedAt },
        firstResponse: { outcome: deadlineOutcome(c.firstResponseDue, c.firstRespondedAt, c.status, now), done: c.firstRespondedAt },
        resolution: { outcome: deadlineOutcome(c.resolutionDue, c.respondedAt, c.status, now), done: c.respondedAt },
      },
      timeline: events.map((e) => ({
        id: e.id,
        at: e.at,
        status: e.toStatus,
        action: e.action,
        channel: e.channel,
        target: typeof e.data?.targetName === "string" ? e.data.targetName : null,
        message: e.publicMessage === null ? null : shown(e.publicMessage),
        ownText: keyValid === true && e.action === "reporter_reply" && typeof e.data?.message === "string" ? e.data.message : null,
      })),
      attachmentCount: c.attachmentCount,
    },
  };
}

/**
 * The tracking page's evidence and LAPOR part: null for an unknown code, and for a confidential
 * complaint unless the reporter's key came with the request; otherwise the complaint's LAPOR
 * facts and its attachments (all of them for the reporter, staff files marked public for anyone else).
 */
export async function trackingEvidence(db: Db, code: string, accessKey: string | null) {
  const x = await trackingExtras(db, code);
  if (!x || (x.confidential && !accessKey)) return null;
  return { ...x, files: await listAttachments(db, x.id, { publicOnly: !accessKey }) };
}
