"use server";

import { redirect } from "next/navigation";
import { reporterReceipt } from "@/db/queries/reporter";
import { getDb } from "@/server/db";
import { AppError } from "@/lib/errors";
import { readReceiptCookie } from "@/server/receipt";
import { queueReporterLink } from "@/server/reporter-link";
import { sha256 } from "@/server/secrets";

/** "Kirim tautan ke SMS/e-mail saya": only from the browser holding this complaint's receipt. */
export async function sendMyLink(): Promise<void> {
  const now = new Date();
  const ticket = await readReceiptCookie(now);
  const db = getDb();
  const c = ticket ? await reporterReceipt(db, ticket.code) : null;
  if (!ticket || !c || sha256(ticket.key) !== c.accessKeyHash) redirect("/lapor/terkirim");
  let query = "kirim=ok";
  try {
    const sent = await queueReporterLink(db, c, "request", now);
    if (sent.length === 0) query = "kirim=none";
  } catch (err) {
    if (!(err instanceof AppError && err.status === 429)) throw err;
    query = `kirim=batas&menit=${Math.ceil(Number(err.extra.retryAfter) / 60)}`;
  }
  redirect(`/lapor/terkirim?${query}`);
}
