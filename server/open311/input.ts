import "server-only";
import { TZDate } from "@date-fns/tz";
import { readBodyLimited } from "@/server/http";
import { MAX_BODY_BYTES } from "@/domain/complaint-input";
import type { IncomingFile } from "@/server/attachments";
import { Open311Error } from "./format";

/** A POSTed GeoReport body: its text fields and the `media` file, if any. */
export type Open311Form = { fields: Map<string, string>; media: IncomingFile | null };

/**
 * Reads a form-encoded or multipart body as the specification sends it. Repeated fields keep the
 * first value (clients do not repeat them); any file field but `media` is refused.
 */
export async function readOpen311Form(request: Request): Promise<Open311Form> {
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw new Open311Error(415, "Content-Type must be application/x-www-form-urlencoded or multipart/form-data");
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBodyLimited(request, MAX_BODY_BYTES);
  } catch {
    throw new Open311Error(413, `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.from(bytes), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new Open311Error(400, "Body is not a valid form");
  }
  const fields = new Map<string, string>();
  let media: IncomingFile | null = null;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      if (!fields.has(name)) fields.set(name, value);
    } else if (name === "media" && !media) {
      if (value.size > 0) media = { name: value.name || "media", bytes: new Uint8Array(await value.arrayBuffer()) };
    } else {
      throw new Open311Error(400, `Unexpected file field: ${name.slice(0, 50)}`);
    }
  }
  return { fields, media };
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A W3C datetime (`2026-12-01`, `2026-12-01T08:00:00+07:00`, `…Z`); without an offset it is a
 * time in the calendar's zone. Throws 400 naming the parameter when it is not one.
 */
export function parseW3cDate(value: string, name: string, timeZone: string): Date {
  const m = W3C.exec(value.trim());
  const bad = () => new Open311Error(400, `${name} must be a W3C datetime, e.g. 2026-12-01T08:00:00+07:00`);
  if (!m) throw bad();
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone] = m;
  const date = zone
    ? new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`)
    : new TZDate(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), timeZone);
  if (Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31) throw bad();
  return new Date(date.getTime());
}

/** A field that must be present, else 400 naming it. */
export function required(fields: Map<string, string>, name: string): string {
  const v = fields.get(name)?.trim();
  if (!v) throw new Open311Error(400, `${name} is required`);
  return v;
}
