import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { OPEN_STATUSES } from "@/db/queries/duplicates";
import { complaints, users } from "@/db/schema";
import type { ComplaintStatus } from "@/domain/complaint-status";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import type { NotifyEvent, TopicPayload } from "@/domain/outbox-topics";
import type { Action } from "@/domain/workflow";
import { ValidationError } from "@/lib/errors";
import { env } from "@/lib/env";
import type { Reference } from "@/server/reference";
import type { z } from "zod";
import { ACTION_INPUTS, type ActionInput } from "./inputs";
import { localDate } from "@/domain/working-days";
import { flowText, longDay } from "./texts";
import type { ActingParty, ComplaintRow } from "./types";

/** What an action changes besides the status and the SLA clocks (./clocks.ts): columns, the event's texts, and outbox work. */
export type Effect = {
  update?: Partial<typeof complaints.$inferInsert>;
  reason?: string;
  publicMessage?: string;
  data?: Record<string, unknown>;
  /** Work for the worker; the executor adds the event's id to each payload. */
  outbox?: OutboxEffect[];
};

type Ctx<A extends Action> = {
  tx: Db;
  complaint: ComplaintRow;
  input: ActionInput<A>;
  party: ActingParty;
  now: Date;
  ref: Reference;
  to: ComplaintStatus;
};

const invalid = (field: string, key: string) => new ValidationError({ [field]: [key] });
type OutboxEffect =
  | { topic: "notify.reporter"; payload: Omit<TopicPayload<"notify.reporter">, "eventId"> }
  | { topic: "lapor.followup"; payload: Omit<TopicPayload<"lapor.followup">, "eventId"> }
  | { topic: "lapor.forward"; payload: Omit<TopicPayload<"lapor.forward">, "eventId"> };
const notifyReporter = (event: NotifyEvent, extra: { message?: string } = {}): OutboxEffect => ({ topic: "notify.reporter", payload: { event, ...extra } });

function opdByCode(ref: Reference, code: string | undefined, field: string) {
  // A deactivated OPD keeps its old complaints but receives no new ones.
  const opd = code ? ref.opds.find((o) => o.active && o.code.toUpperCase() === code.toUpperCase()) : undefined;
  if (code && !opd) throw invalid(field, "unknownOpd");
  return opd;
}

function externalByCode(ref: Reference, code: string | undefined, field: string) {
  const ext = code ? ref.externals.find((o) => o.active && o.code.toUpperCase() === code.toUpperCase()) : undefined;
  if (code && !ext) throw invalid(field, "unknownInstitution");
  return ext;
}

function dispose({ input, ref }: Ctx<"dispose">): Effect {
  const opd = opdByCode(ref, input.opdCode, "opdCode")!;
  return {
    update: { opdId: opd.id, externalId: null, assignedUserId: null },
    reason: input.note,
    data: { opdCode: opd.code, targetName: opd.name },
    outbox: [notifyReporter("disposed")],
  };
}

function redispose({ complaint: c, input, ref }: Ctx<"redispose">): Effect {
  const opd = opdByCode(ref, input.opdCode, "opdCode")!;
  if (opd.id === c.opdId) throw invalid("opdCode", "sameOpd");
  return {
    update: { opdId: opd.id, assignedUserId: null, bounceCount: c.bounceCount + 1 },
    reason: input.reason,
    data: { opdCode: opd.code, targetName: opd.name, fromOpdId: c.opdId },
    outbox: [notifyReporter("disposed")],
  };
}

async function merge({ tx, complaint: c, input }: Ctx<"merge">): Promise<Effect> {
  const code = normalizeTrackingCode(input.primaryCode, env().PINTU_REGION);
  if (!code) throw invalid("primaryCode", "unknownComplaint");
  const [primary] = await tx
    .select({ id: complaints.id, primaryId: complaints.primaryId, code: complaints.trackingCode, status: complaints.status })
    .from(complaints)
    .where(eq(complaints.trackingCode, code));
  if (!primary) throw invalid("primaryCode", "unknownComplaint");
  if (primary.id === c.id) throw invalid("primaryCode", "mergeSelf");
  if (primary.primaryId !== null) throw invalid("primaryCode", "mergeIntoMerged");
  // The reporter follows the primary's progress: it must still be handled (not closed, archived or forwarded).
  if (!OPEN_STATUSES.includes(primary.status)) throw invalid("primaryCode", "mergeClosed");
  // Duplicates of this complaint follow it to the new primary: a cluster has one primary.
  await tx.update(complaints).set({ primaryId: primary.id }).where(eq(complaints.primaryId, c.id));
  return { update: { primaryId: primary.id }, data: { primaryCode: primary.code } };
}

async function correct({ complaint: c, input, ref }: Ctx<"correct">): Promise<Effect> {
  const update: Effect["update"] = {};
  const before: Record<string, unknown> = {};
  if (input.title && input.title !== c.title) {
    before.title = c.title;
    update.title = input.title;
  }
  if (input.categoryCode) {
    const cat = ref.categories.find((k) => k.code.toUpperCase() === input.categoryCode!.toUpperCase());
    if (!cat) throw invalid("categoryCode", "unknownCategory");
    before.categoryId = c.categoryId;
    update.categoryId = cat.id;
  }
  if (input.kelurahan) {
    const hit = ref.areas.flatMap((k) => k.kelurahan.filter((l) => l.name.toLowerCase() === input.kelurahan!.toLowerCase()).map((l) => ({ k, l })))[0];
    if (!hit) throw invalid("kelurahan", "unknownKelurahan");
    before.kelurahanId = c.kelurahanId;
    update.kelurahanId = hit.l.id;
    update.kecamatanId = hit.k.id;
  }
  if (Object.keys(update).length === 0) throw invalid("_form", "nothingChanged");
  return { update, data: { before, after: update } };
}

async function assign({ tx, complaint: c, input }: Ctx<"assign">): Promise<Effect> {
  const [u] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, input.userId), eq(users.active, true), sql`${users.opdId} is not distinct from ${c.opdId}`));
  if (!u) throw invalid("userId", "unknownOfficer");
  return { update: { assignedUserId: u.id }, data: { assignedUserId: u.id, assigneeName: u.name } };
}

/**
 * An OPD's interim report: its text (and an optional expected completion day, which must fall
 * between today and the citizen's resolution deadline) goes to the reporter on their channel and,
 * as a follow-up, to LAPOR — once per event, like the final answer.
 */
function progress_update({ complaint: c, input, now, ref }: Ctx<"progress_update">): Effect {
  let message = input.message;
  if (input.expectedDate) {
    const today = localDate(now, ref.calendar.timeZone);
    const deadline = c.resolutionDue ? localDate(c.resolutionDue, ref.calendar.timeZone) : null;
    if (input.expectedDate < today) throw invalid("expectedDate", "expectedInPast");
    if (deadline && input.expectedDate > deadline) throw invalid("expectedDate", "expectedAfterDeadline");
    message = `${message}\n\n${flowText("expectedLine", { date: longDay(input.expectedDate) })}`;
  }
  return {
    publicMessage: message,
    data: input.expectedDate ? { expectedDate: input.expectedDate } : undefined,
    outbox: [{ topic: "lapor.followup", payload: {} }, notifyReporter("progress")],
  };
}

/**
 * The action's input checked by its schema and its handler run with it, generic in the action so
 * that the parsed input has the handler's own type (TypeScript's pattern for correlated unions:
 * the tables are indexed by one type parameter, no cast).
 */
const SCHEMAS: { [A in Action]: z.ZodType<ActionInput<A>> } = ACTION_INPUTS;

export function parseInput<A extends Action>(action: A, raw: unknown) {
  return SCHEMAS[action].safeParse(raw);
}

export function runHandler<A extends Action>(action: A, ctx: Ctx<A>): Effect | Promise<Effect> {
  const handler: (ctx: Ctx<A>) => Effect | Promise<Effect> = HANDLERS[action];
  return handler(ctx);
}

/** One handler per action of the workflow table. */
const HANDLERS: { [A in Action]: (ctx: Ctx<A>) => Effect | Promise<Effect> } = {
  dispose,
  redispose,
  archive: ({ input }) => ({ reason: input.note, data: { archiveReason: input.reason } }),
  forward: ({ input, ref }) => {
    const ext = externalByCode(ref, input.externalCode, "externalCode")!;
    return {
      update: { externalId: ext.id, opdId: null },
      reason: input.note,
      data: { externalCode: ext.code, targetName: ext.name },
      outbox: [{ topic: "lapor.forward", payload: { externalCode: ext.code } }, notifyReporter("forwarded")],
    };
  },
  merge,
  unmerge: () => ({ update: { primaryId: null } }),
  correct,
  contact_reporter: ({ input }) => ({ data: { message: input.message }, outbox: [notifyReporter("message", { message: input.message })] }),
  accept: () => ({}),
  assign,
  note: ({ input }) => ({ reason: input.text }),
  return: ({ complaint: c, input, ref }) => {
    const opd = opdByCode(ref, input.suggestedOpdCode, "suggestedOpdCode");
    const ext = externalByCode(ref, input.suggestedExternalCode, "suggestedExternalCode");
    return {
      update: {
        opdId: null,
        assignedUserId: null,
        bounceCount: c.bounceCount + 1,
        suggestedOpdId: opd?.id ?? null,
        suggestedExternalId: ext?.id ?? null,
      },
      reason: input.reason,
      data: { fromOpdId: c.opdId, suggestedOpdCode: opd?.code ?? null, suggestedExternalCode: ext?.code ?? null },
    };
  },
  request_info: ({ input }) => ({
    publicMessage: input.message,
    outbox: [notifyReporter("info_requested")],
  }),
  reporter_reply: ({ input }) => ({ data: { message: input.message } }),
  resume: () => ({}),
  respond: ({ input, now }) => ({
    update: { respondedAt: now },
    publicMessage: input.message,
    outbox: [{ topic: "lapor.followup", payload: {} }, notifyReporter("responded")],
  }),
  progress_update,
  accept_response: () => ({ outbox: [notifyReporter("closed")] }),
  auto_close: () => ({ outbox: [notifyReporter("closed")] }),
  object: ({ input }) => ({
    update: { respondedAt: null },
    reason: input.reason,
  }),
  rate: ({ complaint: c, input }) => {
    if (c.rating !== null) throw invalid("rating", "alreadyRated");
    return { update: { rating: input.rating, ratingComment: input.comment ?? null }, data: { rating: input.rating } };
  },
};
