import { getTranslations } from "next-intl/server";
import { AttachmentGallery } from "@/components/attachments/attachment-gallery";
import { getDb } from "@/server/db";
import { trackingEvidence } from "@/server/public-complaint";

/**
 * The tracking page's evidence and LAPOR part. The reporter (valid key) sees every attachment
 * — their own and staff's — through their private link; anyone else sees only staff files
 * marked public, and nothing of a confidential complaint. The LAPOR tracking number, once
 * known, and for a complaint forwarded outside the city where it went and how to follow it.
 */
export async function EvidenceAndLapor({ code, accessKey }: { code: string; accessKey: string | null }) {
  const x = await trackingEvidence(getDb(), code, accessKey);
  if (!x) return null;
  const t = await getTranslations("evidence");
  const files = x.files;
  const keyQuery = accessKey ? `key=${encodeURIComponent(accessKey)}` : "";
  const href = (id: number, thumb: boolean) => {
    const q = [keyQuery, thumb ? "ukuran=kecil" : ""].filter(Boolean).join("&");
    return `/lacak/${code}/lampiran/${id}${q ? `?${q}` : ""}`;
  };
  const forwarded = x.status === "forwarded" && x.externalName;
  return (
    <>
      <AttachmentGallery items={files} href={href} headingId="evidence-h" heading={t(accessKey ? "headingReporter" : "headingPublic")} showSource={Boolean(accessKey)} />
      {x.laporTrackingId || forwarded ? (
        <section aria-labelledby="lapor-h" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="lapor-h" className="text-lg font-semibold">
            {t("laporHeading")}
          </h2>
          {forwarded ? <p>{t("forwardedTo", { name: x.externalName! })}</p> : null}
          {x.laporTrackingId ? (
            <p>
              {t("laporNumber")} <span className="font-mono font-semibold" data-testid="lapor-tracking-id">{x.laporTrackingId}</span>
            </p>
          ) : null}
          <p className="text-sm text-slate-700">{t(x.laporTrackingId ? "followOnLapor" : "followPending")}</p>
        </section>
      ) : null}
    </>
  );
}
