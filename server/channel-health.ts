import type { Db } from "@/db/client";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { lastInboundSms, MESSAGE_CHANNELS, outboundFigures, requeueDead, type MessageChannel, type OutboundFigures } from "@/db/queries/channel-health";
import { env } from "@/lib/env";

/**
 * Whether the SMS and e-mail channels work, in the words the SMS inbox, the integration page,
 * `/api/health` and `/metrics` share: a dead gateway must not look like a quiet day.
 *
 * - inbound SMS: `not_configured` (SMS_INBOUND_KEY unset: the gateway's posts are refused with
 *   503), else `ok`, with when the last message came in;
 * - outbound (per channel): `not_configured` (no gateway / SMTP server), `halted` (the worker
 *   stopped sending after repeated failures), `failing` (items waiting after failed attempts, or
 *   dead letters a person must retry), `backlog` (the oldest waiting item is older than the
 *   allowed age), else `ok`.
 */
export type OutboundState = "ok" | "not_configured" | "halted" | "failing" | "backlog";
export type ChannelHealth = {
  inbound: { state: "ok" | "not_configured"; lastReceivedAt: Date | null };
  outbound: Record<MessageChannel, OutboundFigures & { state: OutboundState; configured: boolean }>;
};

function outboundState(configured: boolean, f: OutboundFigures, maxAgeSeconds: number): OutboundState {
  if (f.halted) return "halted";
  if (f.failing > 0 || f.dead > 0) return "failing";
  if (f.oldestPendingSeconds !== null && f.oldestPendingSeconds > maxAgeSeconds) return "backlog";
  if (!configured) return "not_configured";
  return "ok";
}

export async function channelHealth(db: Db): Promise<ChannelHealth> {
  const e = env();
  const configured: Record<MessageChannel, boolean> = { sms: !!e.SMS_OUTBOUND_URL, email: !!e.SMTP_URL };
  const [lastReceivedAt, ...figures] = await Promise.all([lastInboundSms(db), ...MESSAGE_CHANNELS.map((c) => outboundFigures(db, c))]);
  const outbound = Object.fromEntries(
    MESSAGE_CHANNELS.map((c, i) => [c, { ...figures[i]!, configured: configured[c], state: outboundState(configured[c], figures[i]!, e.HEALTH_OUTBOX_MAX_AGE_SECONDS) }]),
  ) as ChannelHealth["outbound"];
  return { inbound: { state: e.SMS_INBOUND_KEY ? "ok" : "not_configured", lastReceivedAt }, outbound };
}

/** `/api/health`'s reasons for a channel in trouble (a channel never configured is not a fault). */
export function channelReasons(h: ChannelHealth): string[] {
  const out: string[] = [];
  for (const c of MESSAGE_CHANNELS) {
    const o = h.outbound[c];
    if (o.dead > 0) out.push(`${c}_dead_letters`);
    if (o.failing > 0) out.push(`${c}_failing`);
  }
  return out;
}

/**
 * Puts a channel's dead letters (`ids`, or all) back in the queue with a fresh attempt count, and
 * records who did it, in one transaction. Returns how many moved.
 */
export async function retryChannelDead(db: Db, req: { channel: MessageChannel; ids: number[] | "all"; actor: AuditActor; now: Date }): Promise<number> {
  if (req.ids !== "all" && req.ids.length === 0) return 0;
  return db.transaction(async (tx) => {
    const moved = await requeueDead(tx, { channel: req.channel, ids: req.ids, attempts: 0, now: req.now });
    if (moved.length) {
      await writeAudit(tx, { actor: req.actor, at: req.now, action: `${req.channel}.retry`, target: { kind: "outbox", id: moved.join(",") }, after: { status: "pending" }, data: { outboxIds: moved, all: req.ids === "all" } });
    }
    return moved.length;
  });
}
