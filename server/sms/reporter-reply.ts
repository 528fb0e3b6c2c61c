import type { Db } from "@/db/client";
import { complaintForSmsReply } from "@/db/queries/sms";
import { fitSms } from "@/domain/sms";
import { AppError } from "@/lib/errors";
import { performAction } from "@/server/workflow/perform";
import { smsText, type Decision } from "./replies";

/**
 * `<REGION> <code> <text>`: an SMS reporter's answer to an information request. Recorded only
 * when the complaint came by SMS from this very number (the carrier vouches for the sender, as
 * the access key does on the web) and is awaiting the reporter; then it is the same workflow
 * action as the web reply (`reporter_reply` by the reporter, channel `sms`: its event, the SLA
 * clocks resumed, any outbox rows, in the caller's transaction). An unknown code and another
 * number's complaint get the same polite refusal, so a stranger learns nothing about either.
 */
export async function replyFromSms(
  tx: Db,
  cmd: { code: string; text: string },
  ctx: { phone: string | null; region: string; now: Date },
): Promise<Decision> {
  const { region } = ctx;
  const c = await complaintForSmsReply(tx, cmd.code);
  const owner = c !== null && ctx.phone !== null && c.channel === "sms" && c.reporterPhone === ctx.phone;
  if (!owner) return { kind: "reply_refused", reply: fitSms(smsText("replyNotYours", { code: cmd.code, region })) };
  if (cmd.text.length < 2) {
    return { kind: "reply_refused", complaintId: c.id, reply: fitSms(smsText("replyUsage", { code: c.trackingCode, region })) };
  }
  const notAwaiting = () => ({ kind: "reply_refused" as const, complaintId: c.id, trackingCode: c.trackingCode, reply: fitSms(smsText("replyNotAwaiting", { code: c.trackingCode, region })) });
  if (c.status !== "awaiting_reporter") return notAwaiting();
  try {
    await performAction(tx, { complaintId: c.id, action: "reporter_reply", party: { kind: "reporter", channel: "sms" }, input: { message: cmd.text.slice(0, 5000) }, now: ctx.now });
  } catch (err) {
    // Answered meanwhile (by the web, LAPOR or staff resuming): the workflow no longer allows it.
    if (err instanceof AppError && err.code === "action_not_allowed") return notAwaiting();
    throw err;
  }
  return { kind: "reply", complaintId: c.id, trackingCode: c.trackingCode, reply: fitSms(smsText("replyRecorded", { code: c.trackingCode, region })) };
}
