import type { Db } from "@/db/client";
import { complaintStatusForSms, insertSmsMessage, recentOpenComplaintsOf, recordLinkedSms, replyForGatewayId } from "@/db/queries/sms";
import type { SmsKind } from "@/db/schema-sms";
import { cleanText, LIMITS } from "@/domain/complaint-input";
import { normalizePhone } from "@/domain/phone";
import { fitSms, parseSms, sameTextKey, titleFromText } from "@/domain/sms";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { AppError, ValidationError } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { enforceRateLimit } from "@/server/rate-limit";
import type { Reference } from "@/server/reference";
import { sha256 } from "@/server/secrets";
import { smsText, statusLabel, type Decision } from "./replies";
import { replyFromSms } from "./reporter-reply";

/** An inbound SMS as a gateway hands it over (any field may be missing). */
export type InboundSms = {
  from: string | null;
  to: string | null;
  text: string | null;
  gatewayId: string | null;
  /** 8-bit data or a user data header the gateway did not reassemble: not a text message. */
  binary: boolean;
};

type InboundOutcome = SmsKind | "replayed" | "rate_limited" | "empty" | "binary" | "missing_from";

export type InboundResult = {
  /** 200 with a reply SMS, or 400 when the request is unusable (no sender). */
  status: 200 | 400;
  reply: string;
  outcome: InboundOutcome;
  complaintId?: number;
  trackingCode?: string;
};

export type InboundOptions = { region: string; perSenderPerHour: number; now: Date; ref: Reference };

/** The longest text kept from one SMS (gateways reassemble at most a few kilobytes). */
const MAX_STORED_TEXT = 20_000;
const DAY_MS = 24 * 3_600_000;

class AlreadyStored extends Error {}

/**
 * Handles one inbound SMS and returns the reply (always one GSM-7 message). `<REGION> <text>`
 * goes through the one intake pipeline (channel `sms`), unless the same number sent the same
 * text as an open complaint of the last 24 hours, which it is then linked to; `<REGION> CEK
 * <code>` answers with the status; anything else is kept for the coordinator. A gateway id seen
 * before gets the stored reply again and stores nothing; a sender over the hourly limit gets a
 * polite refusal and nothing is stored or counted.
 */
export async function handleInboundSms(db: Db, msg: InboundSms, opts: InboundOptions): Promise<InboundResult> {
  const { region } = opts;
  const from = msg.from?.trim() ?? "";
  if (!from) return { status: 400, reply: "Missing 'from' (the sender's number)", outcome: "missing_from" };
  if (msg.binary) return ok(smsText("binary", { region }), "binary");
  const text = cleanText(msg.text ?? "").trim().slice(0, MAX_STORED_TEXT);
  if (!text) return ok(smsText("empty", { region }), "empty");

  const gatewayId = msg.gatewayId?.trim().slice(0, 200) || null;
  if (gatewayId) {
    const previous = await replyForGatewayId(db, gatewayId);
    if (previous !== null) return ok(previous, "replayed");
  }
  const phone = normalizePhone(from);
  const sender = phone ?? from.replace(/[^\p{L}\p{N}+\-. ]/gu, "").slice(0, 32);
  const command = parseSms(text, region);

  try {
    return await db.transaction(async (tx) => {
      // Counted in the same transaction: a refused or replayed message does not use the allowance.
      await enforceRateLimit(tx, `sms:${sha256(sender).slice(0, 32)}`, opts.perSenderPerHour, opts.now, 3600);
      const r = await decide(tx, command, { text, phone, to: msg.to?.trim() || null, opts });
      const stored = await insertSmsMessage(tx, {
        gatewayId,
        sender,
        recipient: msg.to?.trim().slice(0, 32) || null,
        text,
        kind: r.kind,
        complaintId: r.complaintId ?? null,
        reply: r.reply,
        receivedAt: opts.now,
      });
      // A concurrent delivery of the same gateway id committed first: undo ours, answer as it did.
      if (!stored) throw new AlreadyStored();
      return { status: 200 as const, reply: r.reply, outcome: r.kind, complaintId: r.complaintId, trackingCode: r.trackingCode };
    });
  } catch (err) {
    if (err instanceof AlreadyStored && gatewayId) return ok((await replyForGatewayId(db, gatewayId)) ?? smsText("hint", { region }), "replayed");
    if (err instanceof AppError && err.code === "rate_limited") return ok(smsText("rateLimited"), "rate_limited");
    throw err;
  }
}


async function decide(
  tx: Db,
  command: ReturnType<typeof parseSms>,
  ctx: { text: string; phone: string | null; to: string | null; opts: InboundOptions },
): Promise<Decision> {
  const { region } = ctx.opts;
  switch (command.kind) {
    case "unparsed":
      return { kind: "unparsed", reply: fitSms(smsText("hint", { region })) };
    case "prefix_only":
      return { kind: "prefix_only", reply: fitSms(smsText("prefixOnly", { region })) };
    case "status":
      return { kind: "status", ...(await statusReply(tx, command.code, region)) };
    case "complaint":
      return complaintFromSms(tx, command.text, ctx);
    case "reply":
      return replyFromSms(tx, command, { phone: ctx.phone, region, now: ctx.opts.now });
  }
}

async function statusReply(tx: Db, typed: string, region: string): Promise<Omit<Decision, "kind">> {
  if (!typed) return { reply: fitSms(smsText("cekUsage", { region })) };
  const code = normalizeTrackingCode(typed, region) ?? normalizeTrackingCode(`${region}${typed}`, region);
  const c = code ? await complaintStatusForSms(tx, code) : null;
  if (!c) return { reply: fitSms(smsText("unknownCode", { region })) };
  if (c.primaryCode) return { reply: fitSms(smsText("merged", { code: c.trackingCode, primary: c.primaryCode, region })), complaintId: c.id };
  // A confidential complaint shows only its status publicly, so the SMS says no more.
  const opd = !c.confidential && c.opdName ? c.opdName : "none";
  return { reply: fitSms(smsText("status", { code: c.trackingCode, status: statusLabel(c.status), opd })), complaintId: c.id, trackingCode: c.trackingCode };
}

async function complaintFromSms(tx: Db, text: string, ctx: { phone: string | null; to: string | null; opts: InboundOptions }): Promise<Decision> {
  const { region, now, ref } = ctx.opts;
  if (ctx.phone) {
    const key = sameTextKey(text);
    const recent = await recentOpenComplaintsOf(tx, ctx.phone, new Date(now.getTime() - DAY_MS));
    const same = recent.find((c) => sameTextKey(c.body) === key || sameTextKey(`${c.title} ${c.body}`) === key);
    if (same) {
      await recordLinkedSms(tx, same, now);
      return { kind: "linked", complaintId: same.id, trackingCode: same.trackingCode, reply: fitSms(smsText("linked", { code: same.trackingCode, region })) };
    }
  }
  try {
    const receipt = await intakeComplaint(tx, {
      raw: { title: titleFromText(text, 80), body: text, reporterPhone: ctx.phone ?? undefined },
      channel: "sms",
      region,
      now,
      ref,
    });
    const to = ctx.to && /^[0-9]{3,8}$/.test(ctx.to) ? ctx.to : "none";
    return { kind: "complaint", complaintId: receipt.complaintId ?? undefined, trackingCode: receipt.trackingCode, reply: fitSms(smsText("created", { code: receipt.trackingCode, region, to })) };
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    // Kept for the coordinator (never dropped), and the sender learns what to do.
    const body = err.fieldErrors.body ?? err.fieldErrors.title ?? [];
    const reply = body.some((k) => k.startsWith("tooShort"))
      ? smsText("tooShort", { min: LIMITS.bodyMin, region })
      : body.some((k) => k.startsWith("tooLong"))
        ? smsText("tooLong", { max: LIMITS.bodyMax })
        : smsText("invalid");
    return { kind: "invalid", reply: fitSms(reply) };
  }
}

function ok(reply: string, outcome: InboundOutcome): InboundResult {
  return { status: 200, reply: fitSms(reply), outcome };
}
