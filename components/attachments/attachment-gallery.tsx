import { getTranslations } from "next-intl/server";
import type { AttachmentMeta } from "@/db/queries/attachments";

/** Size for people: "820 KB", "1,4 MB". */
function humanSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

/**
 * Attachments as thumbnails, each a plain link to the full file (the "lightbox" that works
 * without JavaScript: the browser shows the picture, Back returns); PDFs as a named link.
 * `href(id, thumb)` gives the address for the viewer (staff route or the reporter's private link).
 */
export async function AttachmentGallery({
  items,
  href,
  headingId,
  heading,
  showSource = false,
}: {
  items: AttachmentMeta[];
  href: (id: number, thumb: boolean) => string;
  headingId: string;
  heading: string;
  showSource?: boolean;
}) {
  if (items.length === 0) return null;
  const t = await getTranslations("evidence");
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h2 id={headingId} className="text-lg font-semibold">
        {heading}
      </h2>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {items.map((a) => {
          const label = `${a.fileName} (${a.mime === "application/pdf" ? "PDF" : a.mime === "image/png" ? "PNG" : "JPEG"}, ${humanSize(a.size)})`;
          return (
            <li key={a.id} className="min-w-0 rounded-lg bg-white p-2 ring-1 ring-slate-200">
              <a href={href(a.id, false)} className="block space-y-1 text-sm text-brand-700 underline-offset-2 hover:underline" aria-label={t("open", { name: label })}>
                {a.hasThumbnail ? (
                  // eslint-disable-next-line @next/next/no-img-element -- served by our own route, sized by the thumbnail itself
                  <img src={href(a.id, true)} alt={a.fileName} loading="lazy" className="aspect-square w-full rounded bg-slate-100 object-cover" />
                ) : (
                  <span aria-hidden className="flex aspect-square w-full items-center justify-center rounded bg-slate-100 text-lg font-bold text-slate-600">
                    PDF
                  </span>
                )}
                <span className="block truncate">{a.fileName}</span>
              </a>
              <p className="text-xs text-slate-600">
                {humanSize(a.size)}
                {showSource ? ` · ${t(a.source === "staff" ? (a.public ? "fromStaffPublic" : "fromStaff") : "fromReporter")}` : null}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
