import { createTranslator } from "next-intl";
import type { SmsKind } from "@/db/schema-sms";
import id from "@/messages/id.json";

/**
 * SMS texts come from the Bahasa Indonesia catalogue: a gateway tells us nothing about the
 * sender's language, and the shortcode serves Indonesian citizens.
 */
export const smsText = createTranslator({ locale: "id", messages: id, namespace: "sms" });

/** A complaint status as the public tracking page names it. */
export const statusLabel = createTranslator({ locale: "id", messages: id, namespace: "status" });

/** What an incoming SMS led to: its kind, the reply to send, and the complaint it touched. */
export type Decision = { kind: SmsKind; reply: string; complaintId?: number; trackingCode?: string };
