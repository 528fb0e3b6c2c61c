import { fileTypeFromBuffer } from "file-type";
import { LIMITS, type FieldErrors } from "@/domain/complaint-input";
import { sha256 } from "./secrets";

export const ALLOWED_MIME = ["image/jpeg", "image/png", "application/pdf"] as const;

export type IncomingFile = { name: string; bytes: Uint8Array };
export type CheckedFile = { fileName: string; mime: string; size: number; sha256: string; content: Uint8Array };

/** Keeps a display name safe to show and store: no paths, no control characters, bounded. */
function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) || "lampiran";
}

/**
 * Checks attachments by their content (magic bytes), never by name or declared type:
 * at most 5 files of at most 5 MB, each JPEG, PNG or PDF.
 */
export async function checkAttachments(
  files: IncomingFile[],
): Promise<{ ok: true; files: CheckedFile[] } | { ok: false; fieldErrors: FieldErrors }> {
  const nonEmpty = files.filter((f) => f.bytes.byteLength > 0);
  const errors: string[] = [];
  if (nonEmpty.length > LIMITS.maxAttachments) errors.push(`tooManyFiles|${LIMITS.maxAttachments}`);
  const checked: CheckedFile[] = [];
  for (const f of nonEmpty.slice(0, LIMITS.maxAttachments)) {
    const fileName = safeName(f.name);
    if (f.bytes.byteLength > LIMITS.maxAttachmentBytes) {
      errors.push(`fileTooLarge|${fileName}`);
      continue;
    }
    const type = await fileTypeFromBuffer(f.bytes);
    if (!type || !(ALLOWED_MIME as readonly string[]).includes(type.mime)) {
      errors.push(`fileType|${fileName}`);
      continue;
    }
    checked.push({ fileName, mime: type.mime, size: f.bytes.byteLength, sha256: sha256(f.bytes), content: f.bytes });
  }
  return errors.length ? { ok: false, fieldErrors: { attachments: errors } } : { ok: true, files: checked };
}
