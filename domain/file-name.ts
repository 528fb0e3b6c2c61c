/**
 * The display name an uploaded file is stored and shown under: never a path. The name is
 * normalised (NFKC: a full-width `／` becomes `/`), only the last path segment is kept (`/` or
 * `\`), control and invisible formatting characters go (a right-to-left override could make
 * `gpj.exe` read as `exe.jpg`), leading dots and spaces go (no `..`, no hidden files), and it
 * is cut to 200 characters keeping the extension. What is left empty becomes `lampiran`.
 * The one sanitiser for every place a file name comes in (uploads, later imports) and goes out.
 */
export function safeFileName(name: string): string {
  const base = name.normalize("NFKC").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f\p{Cf}]/gu, "").replace(/\s+/g, " ").replace(/^[.\s]+/, "").trim();
  if (!clean || /^\.+$/.test(clean)) return "lampiran";
  if (clean.length <= 200) return clean;
  const dot = clean.lastIndexOf(".");
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
  return clean.slice(0, 200 - ext.length) + ext;
}
