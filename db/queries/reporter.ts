import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaints } from "@/db/schema";

/**
 * What the reporter's own receipt and slip show: the choices they made, the first deadline and
 * which contacts they gave. Identity included — only for the reporter holding the key and for
 * staff allowed to enter complaints; callers check that.
 */
export async function reporterReceipt(db: Db, trackingCode: string) {
  const [row] = await db
    .select({
      id: complaints.id,
      trackingCode: complaints.trackingCode,
      channel: complaints.channel,
      title: complaints.title,
      anonymous: complaints.anonymous,
      confidential: complaints.confidential,
      phone: complaints.reporterPhone,
      email: complaints.reporterEmail,
      accessKeyHash: complaints.accessKeyHash,
      createdAt: complaints.createdAt,
      verificationDue: complaints.verificationDue,
    })
    .from(complaints)
    .where(eq(complaints.trackingCode, trackingCode));
  return row ?? null;
}
