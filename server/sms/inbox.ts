import type { Db } from "@/db/client";
import { writeAudit, type AuditActor as Actor } from "@/db/queries/audit";
import { lockInboxMessage, resolveInboxMessage } from "@/db/queries/sms";
import { normalizePhone } from "@/domain/phone";
import { notFound } from "@/lib/errors";
import { intakeComplaint } from "@/server/intake";
import { reference } from "@/server/reference";


/**
 * A coordinator turns a kept SMS into a complaint (channel `sms`, the sender as reporter) through
 * the one intake pipeline, and the message leaves the inbox — both in one transaction, so a
 * double submit creates one complaint. A message already handled is "not found".
 */
export async function convertInboxMessage(
  db: Db,
  req: { id: number; title: string; body: string; actor: Actor; region: string; now: Date },
): Promise<{ trackingCode: string }> {
  const ref = await reference(db);
  return db.transaction(async (tx) => {
    const msg = await lockInboxMessage(tx, req.id);
    if (!msg) throw notFound();
    const phone = normalizePhone(msg.sender);
    const receipt = await intakeComplaint(tx, {
      raw: { title: req.title, body: req.body, reporterPhone: phone ?? undefined },
      channel: "sms",
      region: req.region,
      now: req.now,
      actor: req.actor,
      auditData: { smsId: msg.id },
      ref,
    });
    await resolveInboxMessage(tx, msg.id, { userId: req.actor.userId, now: req.now }, { resolution: "converted", complaintId: receipt.complaintId! });
    return { trackingCode: receipt.trackingCode };
  });
}

/** Sets a kept SMS aside (e.g. a greeting or spam): it leaves the inbox but is never deleted. */
export async function dismissInboxMessage(db: Db, req: { id: number; actor: Actor; now: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const msg = await lockInboxMessage(tx, req.id);
    if (!msg) throw notFound();
    await resolveInboxMessage(tx, msg.id, { userId: req.actor.userId, now: req.now }, { resolution: "dismissed" });
    await writeAudit(tx, { actor: req.actor, at: req.now, action: "sms.dismiss", target: { kind: "sms", id: msg.id }, after: { resolution: "dismissed" } });
  });
}
