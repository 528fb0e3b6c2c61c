"use server";

import { redirect } from "next/navigation";
import { writeAudit } from "@/db/queries/audit";
import { reporterReceipt } from "@/db/queries/reporter";
import { auditActor } from "@/server/audit";
import { getDb } from "@/server/db";
import { AppError } from "@/lib/errors";
import { readReceiptCookie } from "@/server/receipt";
import { queueReporterLink } from "@/server/reporter-link";
import { requireStaff } from "@/server/staff";

/** "Kirim ke pelapor via SMS": the code and a new private link to the number the citizen gave. */
export async function sendSlipSms(): Promise<void> {
  const staff = await requireStaff("complaints.enter_on_behalf");
  const now = new Date();
  const ticket = await readReceiptCookie(now);
  const db = getDb();
  const c = ticket ? await reporterReceipt(db, ticket.code) : null;
  if (!ticket || !c) redirect("/petugas/aduan/baru/slip");
  let query = "kirim=ok";
  try {
    const actor = await auditActor(staff);
    const sent = await db.transaction(async (tx) => {
      const channels = await queueReporterLink(tx, c, "staff", now, "sms");
      if (channels.length) await writeAudit(tx, { actor, at: now, action: "reporter.send_link", complaintId: c.id, target: { kind: "complaint", id: c.trackingCode }, data: { channels } });
      return channels;
    });
    if (sent.length === 0) query = "kirim=none";
  } catch (err) {
    if (!(err instanceof AppError && err.status === 429)) throw err;
    query = `kirim=batas&menit=${Math.ceil(Number(err.extra.retryAfter) / 60)}`;
  }
  redirect(`/petugas/aduan/baru/slip?${query}`);
}
