/**
 * Inbound sync: complaints LAPOR disposed to the city become Pintu complaints (channel `lapor`,
 * through the one intake pipeline), complaints Pintu itself recorded in LAPOR are linked, and
 * reporters' replies and ratings posted in LAPOR reach the complaint's timeline exactly once.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loadMappings, quarantinePayload } from "@/db/queries/lapor";
import { complaints } from "@/db/schema";
import type { IncomingFile } from "@/server/attachments";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { reference, type Reference } from "@/server/reference";
import { applyReporterFollowup } from "./followups-in";
import type { LaporConfig, Unreadable } from "./http";
import { complaintRefOf } from "./refs";
import { eachLimited, retryRead } from "./retry";
import { ADAPTER_VERSION, downloadAttachment, listDisposed, listFollowups, type LaporComplaint } from "./v3";

export type PollStats = { pages: number; seen: number; created: number; linked: number; followups: number; quarantined: number; failed: number };
export type PollContext = { db: Db; cfg: LaporConfig; region: string; signal?: AbortSignal; now?: () => Date; pageSize?: number; concurrency?: number; log?: (msg: string, f?: Record<string, unknown>) => void };

/** Keeps unreadable payloads; true when at least one was new. */
export async function quarantineAll(db: Db, items: Unreadable[]): Promise<number> {
  let added = 0;
  for (const u of items) if (await quarantinePayload(db, { ...u, adapterVersion: ADAPTER_VERSION })) added++;
  return added;
}

type Maps = { categories: Map<string, string>; areas: Map<string, string> };

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const isoDate = (s: string | null) => {
  if (!s) return undefined;
  const dmy = /^(\d{2})-(\d{2})-(\d{4})/.exec(s);
  if (dmy) return `${dmy[3]}-${dmy[2]}-${dmy[1]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
};

/** LAPOR's complaint in the shape of the intake form; LAPOR's looser texts are fitted to Pintu's limits. */
function intakeRaw(c: LaporComplaint, ref: Reference, maps: Maps): Record<string, unknown> {
  const title = c.title.trim().length >= 5 ? clip(c.title.trim(), 150) : clip(`${c.title.trim()} ${c.content.trim()}`.trim(), 150);
  const body = c.content.trim().length >= 20 ? clip(c.content.trim(), 5000) : `${title}\n\n${c.content.trim()}`;
  const kelId = c.location_id ? maps.areas.get(c.location_id) : undefined;
  const area = kelId ? ref.areas.flatMap((k) => k.kelurahan.filter((l) => String(l.id) === kelId).map((l) => ({ kec: k.name, kel: l.name })))[0] : undefined;
  return {
    title,
    body,
    categoryCode: c.category_id ? maps.categories.get(c.category_id) : undefined,
    kecamatan: area?.kec,
    kelurahan: area?.kel,
    address: area ? undefined : (c.location_name ?? undefined),
    incidentDate: isoDate(c.date_of_incident),
    reporterName: c.reporter?.name ?? undefined,
    reporterPhone: c.reporter?.phone ?? undefined,
    reporterEmail: c.reporter?.email ?? undefined,
    anonymous: c.is_anonymous,
    confidential: c.is_secret,
  };
}

/** Optional fields that may be dropped when LAPOR's value does not pass Pintu's checks. */
const DROPPABLE = ["categoryCode", "kecamatan", "kelurahan", "address", "incidentDate", "reporterName", "reporterPhone", "reporterEmail"];

type Imported = { id: number; isNew: boolean; syncedAt?: Date | null } | null;
/** Clock skew allowance between LAPOR and us, beyond LAPOR's one-second resolution. */
const SETTLED_MS = 5_000;

type Known = Map<string, { id: number; syncedAt: Date | null }>;

/** The complaints of a page Pintu already has, by LAPOR id: one query per page rather than one per complaint. */
async function knownOf(db: Db, items: LaporComplaint[]): Promise<Known> {
  if (items.length === 0) return new Map();
  const rows = await db
    .select({ laporId: complaints.laporId, id: complaints.id, syncedAt: complaints.laporSyncedAt })
    .from(complaints)
    .where(inArray(complaints.laporId, items.map((c) => c.id)));
  return new Map(rows.map((r) => [r.laporId!, { id: r.id, syncedAt: r.syncedAt }]));
}

async function importComplaint(ctx: PollContext, c: LaporComplaint, ref: Reference, maps: Maps, stats: PollStats, knownIds: Known): Promise<Imported> {
  const { db, cfg } = ctx;
  const known = knownIds.get(c.id);
  if (known) return { id: known.id, isNew: false, syncedAt: known.syncedAt };

  // A complaint Pintu recorded in LAPOR: link it to the original, never import a second one.
  const ownCode = complaintRefOf(c.content);
  if (ownCode) {
    const [own] = await db.select({ id: complaints.id, laporId: complaints.laporId, syncedAt: complaints.laporSyncedAt }).from(complaints).where(eq(complaints.trackingCode, ownCode));
    if (own) {
      if (own.laporId === null) {
        const linked = await db.update(complaints).set({ laporId: c.id, laporTrackingId: c.tracking_id }).where(and(eq(complaints.id, own.id), isNull(complaints.laporId))).returning({ id: complaints.id });
        stats.linked += linked.length;
      }
      return { id: own.id, isNew: false, syncedAt: own.syncedAt };
    }
  }

  // Entered in LAPOR by hand, with the tracking number LAPOR gave it recorded in manual mode.
  const [typed] = c.tracking_id === null ? [] : await db
    .update(complaints)
    .set({ laporId: c.id })
    .where(and(eq(complaints.laporTrackingId, c.tracking_id), isNull(complaints.laporId)))
    .returning({ id: complaints.id, syncedAt: complaints.laporSyncedAt });
  if (typed) {
    stats.linked++;
    return { id: typed.id, isNew: false, syncedAt: typed.syncedAt };
  }

  const files: IncomingFile[] = [];
  for (const a of c.attachments.slice(0, 5)) {
    const bytes = await retryRead(() => downloadAttachment(cfg, a.url, { signal: ctx.signal }), { signal: ctx.signal });
    files.push({ name: a.name, bytes });
  }
  let raw = intakeRaw(c, ref, maps);
  const now = ctx.now?.() ?? new Date();
  for (let round = 0; ; round++) {
    try {
      const r = await intakeComplaint(db, { raw, files: round < 2 ? files : [], channel: "lapor", region: ctx.region, now, ref, lapor: { laporId: c.id, trackingId: c.tracking_id } });
      if (!r.replayed) stats.created++;
      return { id: r.complaintId!, isNew: !r.replayed };
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const fields = Object.keys(err.fieldErrors);
      const dropped = fields.filter((f) => DROPPABLE.includes(f));
      // Drop what Pintu cannot accept (an odd phone number, an unknown area) and keep the complaint;
      // one round more without attachments; otherwise it waits in quarantine for a person.
      if (round < 2 && (dropped.length > 0 || fields.includes("attachments"))) {
        raw = Object.fromEntries(Object.entries(raw).filter(([k]) => !dropped.includes(k)));
        continue;
      }
      stats.quarantined += await quarantineAll(db, [
        { source: "GET /complaints/disposed", raw: JSON.stringify(c), reason: `not accepted by intake: ${JSON.stringify(err.fieldErrors)}`, fingerprint: `intake:${c.id}:${c.updated_at?.toISOString() ?? "?"}` },
      ]);
      return null;
    }
  }
}

async function syncFollowups(ctx: PollContext, c: LaporComplaint, imported: NonNullable<Imported>, stats: PollStats): Promise<void> {
  // A complaint first seen now that has not changed since LAPOR created it has no follow-ups yet
  // (saves one call per new complaint). One already known is always checked: LAPOR's times have
  // whole seconds, so "unchanged" could hide a reply posted in its first second.
  // Without both times (LAPOR left them out) the follow-ups are always read.
  const { created_at: created, updated_at: updated } = c;
  if (imported.isNew && updated && created && updated.getTime() <= created.getTime()) return;
  // Read in full at this very `updated_at` before, at a moment a later change would have had to
  // carry a newer time: nothing new to read.
  if (imported.syncedAt && updated && updated.getTime() <= imported.syncedAt.getTime()) return;
  const complaintId = imported.id;
  const readAt = Date.now();
  const res = await retryRead(() => listFollowups(ctx.cfg, c.id, { signal: ctx.signal }), { signal: ctx.signal });
  stats.quarantined += await quarantineAll(ctx.db, res.unreadable);
  for (const f of res.items) {
    if (f.author_type !== "reporter") continue;
    if (await applyReporterFollowup(ctx.db, complaintId, f, ctx.now?.() ?? new Date())) stats.followups++;
  }
  // LAPOR's times have whole seconds: only once well past that second can no change hide behind it.
  if (updated && readAt - updated.getTime() > SETTLED_MS) await ctx.db.update(complaints).set({ laporSyncedAt: updated }).where(eq(complaints.id, complaintId));
}

/**
 * One poll: every page of complaints changed since `since`, each imported or linked and its new
 * follow-ups applied. Items are independent: one failing item does not stop the others; the
 * poll then throws so the watermark is not advanced and the next poll sees them again.
 */
export async function pollOnce(ctx: PollContext, since: Date | null): Promise<PollStats> {
  const stats: PollStats = { pages: 0, seen: 0, created: 0, linked: 0, followups: 0, quarantined: 0, failed: 0 };
  const ref = await reference(ctx.db);
  const [cats, areas] = await Promise.all([loadMappings(ctx.db, "category"), loadMappings(ctx.db, "area")]);
  const maps: Maps = { categories: cats.fromLapor, areas: areas.fromLapor };
  const pageSize = ctx.pageSize ?? 200;
  let firstError: unknown;
  const fetchPage = (page: number) => {
    const p = retryRead(() => listDisposed(ctx.cfg, { since, page, pageSize }, { signal: ctx.signal }), { signal: ctx.signal });
    p.catch(() => {}); // awaited below; a failure while the previous page is still being imported is thrown there
    return p;
  };
  let next = fetchPage(1);
  for (let page = 1; ; page++) {
    const res = await next;
    const listed = res.items.length + res.unreadable.length;
    const more = listed > 0 && (res.total === null ? listed >= pageSize : page * pageSize < res.total);
    // The next page is read while this one is imported (LAPOR's latency off the critical path).
    if (more) next = fetchPage(page + 1);
    stats.pages++;
    stats.seen += res.items.length + res.unreadable.length;
    stats.quarantined += await quarantineAll(ctx.db, res.unreadable);
    const known = await knownOf(ctx.db, res.items);
    await eachLimited(res.items, ctx.concurrency ?? 16, async (c) => {
      try {
        const imported = await importComplaint(ctx, c, ref, maps, stats, known);
        if (imported) await syncFollowups(ctx, c, imported, stats);
      } catch (err) {
        stats.failed++;
        firstError ??= err;
        ctx.log?.("lapor: inbound item failed", { laporId: c.id, error: err instanceof Error ? err.message : String(err) });
      }
    });
    if (!more) break;
  }
  if (firstError !== undefined) throw Object.assign(new Error(`LAPOR poll: ${stats.failed} item(s) failed; first: ${firstError instanceof Error ? firstError.message : String(firstError)}`), { stats });
  return stats;
}
