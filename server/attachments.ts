import { fileTypeFromBuffer } from "file-type";
import { LIMITS, type FieldErrors } from "@/domain/complaint-input";
import { safeFileName } from "@/domain/file-name";
import { sha256 } from "./secrets";

const ALLOWED_MIME = ["image/jpeg", "image/png", "application/pdf"] as const;

export type IncomingFile = { name: string; bytes: Uint8Array };
export type CheckedFile = { fileName: string; mime: string; size: number; sha256: string; content: Uint8Array };

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
    const fileName = safeFileName(f.name);
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
