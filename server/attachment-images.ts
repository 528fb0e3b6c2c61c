import exifReader from "exif-reader";
import sharp from "sharp";
import { checkAttachments, type CheckedFile, type IncomingFile } from "./attachments";
import { ValidationError } from "@/lib/errors";
import { sha256 } from "./secrets";

/** A checked attachment as stored: photos without their metadata (unless kept), with a thumbnail. */
export type StoredFile = CheckedFile & { thumbnail: Uint8Array | null };

const THUMB_PX = 320;

/** A JPEG thumbnail of at most 320×320, upright, without metadata. */
async function thumbnailOf(bytes: Uint8Array): Promise<Uint8Array> {
  const out = await sharp(bytes).rotate().resize(THUMB_PX, THUMB_PX, { fit: "inside", withoutEnlargement: true }).flatten({ background: "#ffffff" }).jpeg({ quality: 75 }).toBuffer();
  return new Uint8Array(out);
}

/**
 * Re-encodes a photo without its EXIF/XMP/IPTC metadata (a phone's photo carries where it was
 * taken), turned upright first so dropping the orientation tag changes nothing visible. sharp
 * writes no metadata unless asked to.
 */
async function withoutMetadata(bytes: Uint8Array, mime: string): Promise<Uint8Array> {
  const img = sharp(bytes).rotate();
  const out = mime === "image/png" ? await img.png().toBuffer() : await img.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
  return new Uint8Array(out);
}

/**
 * Prepares checked attachments for storage: JPEG and PNG photos lose their metadata unless
 * `keepMetadata` (the reporter chose to share the location), and get a thumbnail; PDFs are
 * stored as given. A picture sharp cannot decode (its signature was right, its content is not)
 * is reported by name so the person can fix it.
 */
export async function prepareFiles(files: CheckedFile[], o: { keepMetadata: boolean }): Promise<{ ok: true; files: StoredFile[] } | { ok: false; errors: string[] }> {
  const out: StoredFile[] = [];
  const errors: string[] = [];
  for (const f of files) {
    if (f.mime !== "image/jpeg" && f.mime !== "image/png") {
      out.push({ ...f, thumbnail: null });
      continue;
    }
    try {
      const content = o.keepMetadata ? f.content : await withoutMetadata(f.content, f.mime);
      out.push({ ...f, content, size: content.byteLength, sha256: sha256(content), thumbnail: await thumbnailOf(content) });
    } catch {
      errors.push(`fileUnreadable|${f.fileName}`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, files: out };
}

/** Files attached to a staff action's form (field `attachments`), checked and prepared, or a ValidationError. */
export async function filesFromForm(form: FormData): Promise<StoredFile[]> {
  const incoming: IncomingFile[] = [];
  for (const v of form.getAll("attachments")) {
    if (typeof v !== "string" && (v.size > 0 || v.name)) incoming.push({ name: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
  }
  if (incoming.length === 0) return [];
  const checked = await checkAttachments(incoming);
  if (!checked.ok) throw new ValidationError(checked.fieldErrors);
  const stored = await prepareFiles(checked.files, { keepMetadata: false });
  if (!stored.ok) throw new ValidationError({ attachments: stored.errors });
  return stored.files;
}

/**
 * Where the first photo that records it was taken (EXIF GPS), for a reporter who asked for the
 * point to be taken from their photo; null when none does or the point is not a plausible one.
 */
export async function photoPosition(files: IncomingFile[]): Promise<{ lat: number; lon: number } | null> {
  for (const f of files) {
    try {
      const { exif } = await sharp(f.bytes).metadata();
      if (!exif) continue;
      const gps = exifReader(exif).GPSInfo;
      const lat = degrees(gps?.GPSLatitude, gps?.GPSLatitudeRef, "S");
      const lon = degrees(gps?.GPSLongitude, gps?.GPSLongitudeRef, "W");
      if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0)) return { lat, lon };
    } catch {
      // Not a picture, or metadata sharp or the reader cannot parse: no point from it.
    }
  }
  return null;
}

function degrees(dms: number[] | undefined, ref: string | undefined, negative: string): number | null {
  if (!dms || dms.length < 3 || !dms.every(Number.isFinite)) return null;
  const value = dms[0]! + dms[1]! / 60 + dms[2]! / 3600;
  return ref?.trim().toUpperCase() === negative ? -value : value;
}
