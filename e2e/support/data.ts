import { randomUUID } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import type { APIRequestContext } from "@playwright/test";

/** Tracking code format of CONTRACTS.md: region, dash, 8 Crockford base32 characters. */
export const TRACKING_CODE = /^BTM-[0-9A-HJKMNP-TV-Z]{8}$/;
/** ISO 8601 with the WIB offset, as the API promises for every time. */
export const ISO_WIB = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$/;

/** A date in Asia/Jakarta, `days` from today, as YYYY-MM-DD. */
export function jakartaDate(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
}

/** A short unique suffix, so each test creates and finds its own data. */
export const unique = () => randomUUID().slice(0, 8);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A real (decodable) PNG: a small RGB gradient. */
export function png(width = 8, height = 8): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) rows.push((x * 255) / width, (y * 255) / height, 128);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A Windows executable's first bytes: what a disguised upload looks like. */
export const exeBytes = () => Buffer.concat([Buffer.from("MZ"), Buffer.alloc(510)]);

export type ComplaintBody = Record<string, unknown>;

/** A valid JSON API submission; override any field. */
export function validComplaint(overrides: ComplaintBody = {}): ComplaintBody {
  return {
    title: `Lampu jalan padam ${unique()}`,
    body: "Lampu penerangan jalan di depan rumah padam sejak dua minggu lalu sehingga gelap dan rawan.",
    categoryCode: "TIDAK-TAHU",
    kecamatan: "Batam Kota",
    kelurahan: "Sukajadi",
    address: "Jl. Raja Ali Haji, dekat masjid",
    incidentDate: jakartaDate(-3),
    ...overrides,
  };
}

export type Receipt = { trackingCode: string; status: string; accessKey: string };

/** Files a complaint through the JSON API and returns its receipt. */
export async function fileComplaint(request: APIRequestContext, overrides: ComplaintBody = {}, baseURL?: string): Promise<Receipt & { body: ComplaintBody }> {
  const body = validComplaint(overrides);
  const res = await request.post(`${baseURL ?? ""}/api/v1/complaints`, { data: body });
  if (res.status() !== 201) throw new Error(`filing a complaint failed: ${res.status()} ${await res.text()}`);
  return { ...((await res.json()) as Receipt), body };
}
