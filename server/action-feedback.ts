import "server-only";
import { cookies } from "next/headers";
import { and, asc, desc, eq, isNotNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaintEvents, complaints } from "@/db/schema";
import { ACTIONS, type Action } from "@/domain/workflow";

/** What to say after `action` on a complaint: the code and whom or where it went, from the action's own event. */
export type Feedback = { action: Action; code: string; target: string | null };

/**
 * The feedback after an action, read from the newest event of that action on the complaint taken
 * by `userId` (so a reload, or another person's action, never speaks for them). Null when there
 * is none — e.g. a hand-edited address.
 */
export async function actionFeedback(db: Db, code: string, action: string, userId: number): Promise<Feedback | null> {
  if (!(ACTIONS as readonly string[]).includes(action)) return null;
  const [e] = await db
    .select({ data: complaintEvents.data })
    .from(complaintEvents)
    .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    .where(and(eq(complaints.trackingCode, code), eq(complaintEvents.action, action), eq(complaintEvents.actorUserId, userId)))
    .orderBy(desc(complaintEvents.at), desc(complaintEvents.id))
    .limit(1);
  if (!e) return null;
  const d = e.data ?? {};
  const str = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : null);
  return { action: action as Action, code, target: str("targetName") ?? str("assigneeName") ?? str("primaryCode") };
}

/** The cookie remembering a coordinator's "open the next complaint in the queue afterwards". */
export const NEXT_COOKIE = "pintu_lanjut";

/** Whether the coordinator asked to go on to the next complaint after each action. */
export async function nextPreference(): Promise<boolean> {
  return (await cookies()).get(NEXT_COOKIE)?.value === "1";
}

/** The complaint a coordinator should verify next: the oldest in the queue other than `exceptCode`. */
export async function nextInQueue(db: Db, exceptCode: string): Promise<string | null> {
  const [n] = await db
    .select({ code: complaints.trackingCode })
    .from(complaints)
    .where(and(eq(complaints.status, "received"), ne(complaints.trackingCode, exceptCode)))
    .orderBy(asc(complaints.createdAt), asc(complaints.id))
    .limit(1);
  return n?.code ?? null;
}

/**
 * The return ("bukan wewenang") this OPD member just made of complaint `code`: its reason. Only
 * their own last action on it, so the inbox never shows another OPD's complaint by its code.
 */
export async function ownReturn(db: Db, code: string, userId: number): Promise<{ code: string; reason: string } | null> {
  const [e] = await db
    .select({ action: complaintEvents.action, actor: complaintEvents.actorUserId, reason: complaintEvents.reason })
    .from(complaintEvents)
    .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    // The newest staff event: the sweep's and the reporter's do not hide the return.
    .where(and(eq(complaints.trackingCode, code), isNotNull(complaintEvents.actorUserId), ne(complaintEvents.action, "clock_paused"), ne(complaintEvents.action, "clock_resumed")))
    .orderBy(desc(complaintEvents.at), desc(complaintEvents.id))
    .limit(1);
  return e && e.action === "return" && e.actor === userId ? { code, reason: e.reason ?? "" } : null;
}
