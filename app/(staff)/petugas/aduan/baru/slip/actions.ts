"use server";

import { redirect } from "next/navigation";
import { reporterReceipt } from "@/db/queries/reporter";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { readReceiptCookie } from "@/server/receipt";
import { queueReporterLink } from "@/server/reporter-link";
import { requireStaff } from "@/server/staff";

/** "Kirim ke pelapor via SMS": the code and a new private link to the number the citizen gave. */
export async function sendSlipSms(): Promise<void> {
  await requireStaff("complaints.enter_on_behalf");
  const now = new Date();
  const ticket = await readReceiptCookie(now);
  const db = getDb();
  const c = ticket ? await reporterReceipt(db, ticket.code) : null;
  if (!ticket || !c) redirect("/petugas/aduan/baru/slip");
  let query = "kirim=ok";
  try {
    if ((await queueReporterLink(db, c, "staff", now, "sms")).length === 0) query = "kirim=none";
  } catch (err) {
    if (!(err instanceof AppError && err.status === 429)) throw err;
    query = `kirim=batas&menit=${Math.ceil(Number(err.extra.retryAfter) / 60)}`;
  }
  redirect(`/petugas/aduan/baru/slip?${query}`);
}
