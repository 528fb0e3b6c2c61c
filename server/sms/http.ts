import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "@/db/client";
import { dbErrorCode, isConnectionError } from "@/db/errors";
import { SMS_MAX_BODY_BYTES } from "@/domain/sms";
import { DB_RETRY_AFTER_SECONDS } from "@/lib/errors";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { reference } from "@/server/reference";
import { handleInboundSms, type InboundSms } from "./inbound";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("windows-1252");

/**
 * Decodes an `application/x-www-form-urlencoded` string. Unlike URLSearchParams it keeps text a
 * gateway encoded in Latin-1 (Kannel's GSM text can arrive so) instead of turning it into U+FFFD.
 */
function decodeForm(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of raw.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    if (!out.has(name)) out.set(name, decodeComponent(eq < 0 ? "" : pair.slice(eq + 1)));
  }
  return out;
}

function decodeComponent(s: string): string {
  const bytes: number[] = [];
  const plus = s.replace(/\+/g, " ");
  for (let i = 0; i < plus.length; i++) {
    const c = plus[i]!;
    if (c === "%" && /^[0-9a-fA-F]{2}$/.test(plus.slice(i + 1, i + 3))) {
      bytes.push(parseInt(plus.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, "utf8")) bytes.push(b);
    }
  }
  const buf = Uint8Array.from(bytes);
  try {
    return utf8.decode(buf);
  } catch {
    return latin1.decode(buf);
  }
}

function sameSecret(given: string, expected: string): boolean {
  // Digests have equal length, so the comparison time says nothing about the key.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

const plain = (status: number, body: string) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

async function readParams(request: Request): Promise<Map<string, string> | Response> {
  const params = decodeForm(new URL(request.url).search.slice(1));
  if (request.method !== "POST") return params;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > SMS_MAX_BODY_BYTES) return plain(413, `Body larger than ${SMS_MAX_BODY_BYTES} bytes`);
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  let fields: Map<string, string>;
  if (type.startsWith("multipart/form-data")) {
    fields = new Map();
    try {
      for (const [k, v] of (await request.formData()).entries()) if (typeof v === "string" && !fields.has(k)) fields.set(k, v);
    } catch {
      return plain(400, "Body is not valid multipart/form-data");
    }
  } else if (type === "" || type.startsWith("application/x-www-form-urlencoded")) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > SMS_MAX_BODY_BYTES) return plain(413, `Body larger than ${SMS_MAX_BODY_BYTES} bytes`);
    // Raw (unencoded) non-ASCII bytes are read as if percent-encoded, so their UTF-8 survives.
    let raw = "";
    for (const b of bytes) raw += b < 0x80 ? String.fromCharCode(b) : `%${b.toString(16)}`;
    fields = decodeForm(raw);
  } else {
    return plain(415, "Content-Type must be application/x-www-form-urlencoded or multipart/form-data");
  }
  // Form fields win over the query string, which may carry only the key.
  for (const [k, v] of fields) params.set(k, v);
  return params;
}

/** True when a message is binary data rather than text: 8-bit coding, a user data header, or control bytes. */
function isBinary(params: Map<string, string>): boolean {
  if (params.get("coding") === "1" || (params.get("udh") ?? "") !== "") return true;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001f]/.test(params.get("text") ?? "");
}

/**
 * `GET`/`POST /api/sms/inbound` (CONTRACTS.md "SMS gateway"): authenticates the gateway, hands
 * the message to `handleInboundSms` and answers with the reply SMS as plain text.
 */
export async function smsInboundResponse(request: Request, db: Db): Promise<Response> {
  const e = env();
  if (!e.SMS_INBOUND_KEY) return plain(503, "SMS inbound is not configured (SMS_INBOUND_KEY is unset)");
  const params = await readParams(request);
  if (params instanceof Response) return params;
  const key = request.headers.get("x-api-key") ?? params.get("key") ?? "";
  if (!sameSecret(key, e.SMS_INBOUND_KEY)) return plain(401, "Invalid or missing key");

  const msg: InboundSms = {
    from: params.get("from") ?? null,
    to: params.get("to") ?? null,
    text: params.get("text") ?? null,
    gatewayId: params.get("id") ?? null,
    binary: isBinary(params),
  };
  try {
    const now = new Date();
    const result = await handleInboundSms(db, msg, { region: e.PINTU_REGION, perSenderPerHour: e.SMS_PER_SENDER_PER_HOUR, now, ref: await reference(db) });
    if (result.outcome !== "replayed") log.info("sms inbound", { outcome: result.outcome, complaintId: result.complaintId });
    return plain(result.status, result.reply);
  } catch (err) {
    // The database went away: the gateway should deliver the message again shortly.
    if (isConnectionError(err)) {
      log.warn("sms inbound: database unavailable", { code: dbErrorCode(err) });
      const busy = plain(503, "Service briefly unavailable; try again in a moment");
      busy.headers.set("retry-after", String(DB_RETRY_AFTER_SECONDS));
      return busy;
    }
    log.error("sms inbound failed", { err });
    return plain(500, "Internal error");
  }
}
