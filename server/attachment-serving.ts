import "server-only";
import contentDisposition from "content-disposition";
import { attachmentForServing, type ServableAttachment } from "@/db/queries/attachments";
import type { Db } from "@/db/client";

/** The id in `/…/lampiran/<id>`: a positive integer, else nothing (→ 404). */
export function attachmentId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,14}$/.test(raw)) return null;
  return Number(raw);
}

/** Whether a request asks for the thumbnail (`?ukuran=kecil`). */
export const wantsThumbnail = (url: URL) => url.searchParams.get("ukuran") === "kecil";

/** Loads an attachment (or its thumbnail) for `decide` to allow; null → the caller answers 404. */
export async function loadServable(db: Db, id: number, thumb: boolean, allowed: (a: ServableAttachment) => boolean): Promise<ServableAttachment | null> {
  const a = await attachmentForServing(db, id, thumb);
  return a && a.bytes && allowed(a) ? a : null;
}

/** The same answer for "no such file" and "not yours": nothing confirms that it exists. */
export const notFoundResponse = () =>
  new Response("Lampiran tidak ditemukan.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store" } });

/**
 * The file as the browser should get it: its stored type (checked by signature at upload),
 * never sniffed; JPEG and PNG shown inline, anything else (PDF) downloaded; a safe file name
 * (content-disposition escapes quotes and gives non-ASCII names as `filename*`); kept only in
 * the person's own browser; sandboxed so a crafted file cannot run script on our origin.
 */
export function fileResponse(a: ServableAttachment, thumb: boolean): Response {
  const bytes = a.bytes!;
  const mime = thumb ? "image/jpeg" : a.mime;
  const inline = mime === "image/jpeg" || mime === "image/png";
  const name = thumb ? `kecil-${a.fileName.replace(/\.[^.]*$/, "")}.jpg` : a.fileName;
  return new Response(Buffer.from(bytes), {
    status: 200,
    headers: {
      "Content-Type": mime,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(name, { type: inline ? "inline" : "attachment" }),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, max-age=300",
      "Cross-Origin-Resource-Policy": "same-origin",
      // The sandbox policy and `no-referrer` come from stricterHeaders (server/security-headers.ts).
    },
  });
}
