import "server-only";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { seal, unseal } from "./secrets";
import { env } from "@/lib/env";

/**
 * The receipt after `/lapor` (POST-redirect-GET): the tracking code and private key travel to
 * `/lapor/terkirim` in a short-lived, HttpOnly cookie sealed (AES-GCM) with a key derived from
 * AUTH_SECRET, so the page can be reloaded in the same browser for a while and the key never
 * appears in a URL, a log or another browser. A walk-in entry's slip works the same way for the
 * officer who recorded it.
 */
const RECEIPT_COOKIE = "pintu_receipt";
const RECEIPT_MINUTES = 30;
/** Where each receipt is read: the citizen's after /lapor, the officer's slip after a walk-in entry. */
const PATHS = { citizen: "/lapor", staff: "/petugas/aduan/baru" } as const;
export type ReceiptAudience = keyof typeof PATHS;

const Sealed = z.object({ code: z.string().max(40), key: z.string().max(64), exp: z.number() });
export type ReceiptTicket = z.infer<typeof Sealed>;

function secret(): string {
  // start.ts puts a generated secret in process.env after env() may have been read.
  const s = process.env.AUTH_SECRET ?? env().AUTH_SECRET;
  if (!s) throw new Error("AUTH_SECRET is needed to seal the receipt");
  return `pintu-receipt:${s}`;
}

export async function setReceiptCookie(code: string, key: string, now: Date, audience: ReceiptAudience = "citizen"): Promise<void> {
  const exp = now.getTime() + RECEIPT_MINUTES * 60_000;
  const secure = (await headers()).get("x-forwarded-proto") === "https" || env().PUBLIC_BASE_URL?.startsWith("https:") === true;
  (await cookies()).set(RECEIPT_COOKIE, seal(JSON.stringify({ code, key, exp }), secret()), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: PATHS[audience],
    maxAge: RECEIPT_MINUTES * 60,
  });
}

/** The receipt this browser may still see, or null (none, tampered with, or expired). */
/** Cookie paths never overlap: the one receipt cookie a request carries is its page's. */
export async function readReceiptCookie(now: Date): Promise<ReceiptTicket | null> {
  const raw = (await cookies()).get(RECEIPT_COOKIE)?.value;
  if (!raw) return null;
  try {
    const ticket = Sealed.parse(JSON.parse(unseal(raw, secret())));
    return ticket.exp > now.getTime() ? ticket : null;
  } catch {
    return null;
  }
}
