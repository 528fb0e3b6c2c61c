import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { insertComplaintWithEvent, type FirstEventRow, type NewComplaintRow } from "@/db/queries/intake";
import { attachments, complaints, idempotencyKeys } from "@/db/schema";
import type { Channel } from "@/domain/complaint-status";
import { parseComplaintInput, type ComplaintInput, type FieldErrors } from "@/domain/complaint-input";
import { clockWindow, slaPolicy } from "@/domain/sla";
import { makeTrackingCode } from "@/domain/tracking-code";
import { localDate } from "@/domain/working-days";
import { prepareFiles } from "./attachment-images";
import { checkAttachments, type IncomingFile } from "./attachments";
import { idempotencyConflict, ValidationError } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import { reference, type Reference } from "./reference";
import { routeComplaint } from "./routing";
import { newAccessKey, seal, sha256, unseal } from "./secrets";

type Receipt = { trackingCode: string; status: "received"; accessKey: string };
export type IntakeResult = Receipt & { replayed: boolean; complaintId: number | null };

export type IntakeRequest = {
  raw: unknown;
  files?: IncomingFile[];
  channel: Channel;
  region: string;
  now: Date;
  /** Replays with the same key and request return the first receipt. */
  idempotencyKey?: string;
  /** Staff member entering the complaint on the citizen's behalf (walk-in, phone, letter…): audited. */
  actor?: AuditActor;
  /** More to keep in that audit entry (the SMS it came from, the import it was part of). */
  auditData?: Record<string, unknown>;
  /** Reference data already loaded, for callers that pass a transaction (whose own cache would miss). */
  ref?: Reference;
  /**
   * A complaint imported from LAPOR (channel `lapor`): stored once per LAPOR id, so importing
   * it again returns the existing complaint; never sent back to LAPOR.
   */
  lapor?: { laporId: string; trackingId: string | null };
  /** The web form: send the reporter the code and private link at the contacts they gave (through the outbox). */
  sendLink?: boolean;
  /** Facts of the channel recorded on the first event (e.g. the Open311 client that filed it). */
  eventData?: Record<string, unknown>;
  /** The channel's own rows that belong with the complaint, written in the same transaction. */
  alongside?: (tx: Db, complaint: { id: number; trackingCode: string }) => Promise<void>;
};

// One collator for the process: creating one per comparison dominated reference matching.
const collator = new Intl.Collator("id", { sensitivity: "base" });

type Resolved = { categoryId: number | null; kecamatanId: number | null; kelurahanId: number | null };

/** Matches the submitted category and area names to reference rows, collecting every error. */
function resolveReferences(input: ComplaintInput, ref: Reference): { ok: true; value: Resolved } | { ok: false; fieldErrors: FieldErrors } {
  const errors: FieldErrors = {};
  const same = (a: string, b: string) => collator.compare(a, b) === 0;
  let categoryId: number | null = null;
  if (input.categoryCode) {
    const cat = ref.categories.find((c) => same(c.code, input.categoryCode!));
    if (cat) categoryId = cat.id;
    else errors.categoryCode = ["unknownCategory"];
  }
  let kec = input.kecamatan ? ref.areas.find((k) => same(k.name, input.kecamatan!)) : undefined;
  if (input.kecamatan && !kec) errors.kecamatan = ["unknownKecamatan"];
  let kelurahanId: number | null = null;
  if (input.kelurahan && !errors.kecamatan) {
    const candidates = ref.areas.flatMap((k) =>
      k.kelurahan.filter((l) => same(l.name, input.kelurahan!)).map((l) => ({ kec: k, kel: l })),
    );
    const inChosen = kec ? candidates.filter((c) => c.kec.id === kec!.id) : candidates;
    if (candidates.length === 0) errors.kelurahan = ["unknownKelurahan"];
    else if (inChosen.length === 0) errors.kelurahan = ["kelurahanMismatch"];
    else if (inChosen.length > 1) errors.kecamatan = ["kecamatanRequired"];
    else {
      kelurahanId = inChosen[0]!.kel.id;
      kec = inChosen[0]!.kec;
    }
  }
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { categoryId, kecamatanId: kec?.id ?? null, kelurahanId } };
}

/** A stable fingerprint of what was asked, so a reused Idempotency-Key with other content is refused. */
function requestFingerprint(input: ComplaintInput, files: IncomingFile[]): string {
  const fileHashes = files.map((f) => sha256(f.bytes));
  return sha256(JSON.stringify([input, fileHashes]));
}

/**
 * The one intake pipeline for every channel: validates, resolves references, checks
 * attachments, suggests a route and stores the complaint, its first event, its attachments and
 * its outbox row in one transaction. Throws ValidationError with every field's errors.
 */
export async function intakeComplaint(db: Db, req: IntakeRequest): Promise<IntakeResult> {
  const ref = req.ref ?? (await reference(db));
  const today = localDate(req.now, ref.calendar.timeZone);
  const parsed = parseComplaintInput(req.raw, today);
  const files = req.files ?? [];
  const checkedFiles = await checkAttachments(files);
  const resolved = parsed.ok ? resolveReferences(parsed.value, ref) : null;
  const fieldErrors: FieldErrors = {
    ...(parsed.ok ? {} : parsed.fieldErrors),
    ...(resolved && !resolved.ok ? resolved.fieldErrors : {}),
    ...(checkedFiles.ok ? {} : checkedFiles.fieldErrors),
  };
  if (!parsed.ok || !resolved?.ok || !checkedFiles.ok) throw new ValidationError(fieldErrors);
  const input = parsed.value;
  // Photos keep their metadata (where they were taken) only when the reporter shares the location.
  const stored = await prepareFiles(checkedFiles.files, { keepMetadata: input.lat !== undefined });
  if (!stored.ok) throw new ValidationError({ attachments: stored.errors });
  const refs = resolved.value;

  const category = ref.categories.find((c) => c.id === refs.categoryId);
  const route = routeComplaint(ref, { text: `${input.title} ${input.body}`, ...refs });
  const verification = clockWindow(req.now, slaPolicy(category?.sla).verification, ref.calendar);

  const accessKey = newAccessKey();
  const complaint: Omit<NewComplaintRow, "trackingCode"> = {
    channel: req.channel,
    title: input.title,
    body: input.body,
    categoryId: refs.categoryId,
    kecamatanId: refs.kecamatanId,
    kelurahanId: refs.kelurahanId,
    address: input.address ?? null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    incidentDate: input.incidentDate ?? null,
    reporterName: input.reporterName ?? null,
    reporterPhone: input.reporterPhone ?? null,
    reporterEmail: input.reporterEmail ?? null,
    reporterNik: input.nik ?? null,
    anonymous: input.anonymous,
    confidential: input.confidential,
    status: "received",
    suggestedOpdId: route.opdId,
    suggestedExternalId: route.externalId,
    accessKeyHash: sha256(accessKey),
    verificationDue: verification.due,
    verificationRiskAt: verification.riskAt,
    laporId: req.lapor?.laporId ?? null,
    laporTrackingId: req.lapor?.trackingId ?? null,
    createdAt: req.now,
    updatedAt: req.now,
  };
  const event: FirstEventRow = {
    at: req.now,
    action: "submit",
    actorUserId: req.actor?.userId ?? null,
    actorRole: req.actor?.role ?? "citizen",
    fromStatus: null,
    toStatus: "received",
    channel: req.channel,
    data: { route: route.reason, ...(route.ruleId ? { routingRule: route.ruleId } : {}), attachments: checkedFiles.files.length, ...(req.lapor ? { laporTrackingId: req.lapor.trackingId } : {}), ...req.eventData },
  };
  // Every complaint received locally is also recorded in LAPOR (delivered by the worker).
  const toLapor = req.channel !== "lapor" && !req.lapor;
  const linkChannels = req.sendLink ? ([input.reporterPhone ? "sms" : null, input.reporterEmail ? "email" : null] as const).filter((c) => c !== null) : [];
  const store = async (d: Db) => {
    let inserted: { id: number; trackingCode: string } | null = null;
    // 40 random bits: a collision is rare, and then we simply draw again.
    while (!inserted) inserted = await insertComplaintWithEvent(d, { ...complaint, trackingCode: makeTrackingCode(req.region, randomBytes(5)) }, event, toLapor, linkChannels);
    return inserted;
  };

  // The common case (a citizen's, no key to honour, no files, not an import) is one statement, atomic alone.
  if (!req.idempotencyKey && !req.lapor && !req.alongside && !req.actor && checkedFiles.files.length === 0) {
    const inserted = await store(db);
    metrics().intake.inc({ channel: req.channel });
    return { trackingCode: inserted.trackingCode, status: "received", accessKey, replayed: false, complaintId: inserted.id };
  }

  const result = await db.transaction(async (tx) => {
    let keyHash: string | undefined;
    const fingerprint = req.idempotencyKey ? requestFingerprint(input, files) : "";
    if (req.idempotencyKey) {
      keyHash = sha256(`complaint:${req.idempotencyKey}`);
      // A concurrent request with the same key waits here until the first one commits.
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ keyHash, scope: "complaint", requestHash: fingerprint, response: "" })
        .onConflictDoNothing()
        .returning({ keyHash: idempotencyKeys.keyHash });
      if (claimed.length === 0) {
        const [prior] = await tx.select().from(idempotencyKeys).where(eq(idempotencyKeys.keyHash, keyHash));
        if (!prior || prior.requestHash !== fingerprint) throw idempotencyConflict();
        return { ...(JSON.parse(unseal(prior.response, req.idempotencyKey)) as Receipt), replayed: true, complaintId: prior.complaintId };
      }
    }
    if (req.lapor) {
      const [known] = await tx.select({ id: complaints.id, trackingCode: complaints.trackingCode }).from(complaints).where(eq(complaints.laporId, req.lapor.laporId));
      // No access key for a LAPOR complaint seen again: its reporter acts in LAPOR.
      if (known) return { trackingCode: known.trackingCode, status: "received" as const, accessKey: "", replayed: true, complaintId: known.id };
    }

    const inserted = await store(tx);
    if (req.alongside) await req.alongside(tx, inserted);
    if (checkedFiles.files.length) {
      await tx.insert(attachments).values(stored.files.map((f) => ({ ...f, complaintId: inserted.id, source: "reporter" as const, createdAt: req.now })));
    }

    if (req.actor) {
      await writeAudit(tx, {
        actor: req.actor,
        at: req.now,
        action: "complaint.enter",
        complaintId: inserted.id,
        target: { kind: "complaint", id: inserted.trackingCode },
        after: { status: "received", channel: req.channel, category: category?.code ?? null, anonymous: input.anonymous },
        data: req.auditData ?? null,
      });
    }
    const receipt: Receipt = { trackingCode: inserted.trackingCode, status: "received", accessKey };
    if (keyHash && req.idempotencyKey) {
      await tx
        .update(idempotencyKeys)
        .set({ complaintId: inserted.id, response: seal(JSON.stringify(receipt), req.idempotencyKey) })
        .where(eq(idempotencyKeys.keyHash, keyHash));
    }
    return { ...receipt, replayed: false, complaintId: inserted.id };
  });
  if (!result.replayed) metrics().intake.inc({ channel: req.channel });
  return result;
}
