import { getTranslations } from "next-intl/server";
import { TrackForm } from "@/components/track-form";
import { ButtonLink } from "@/components/ui/button-link";
import { region } from "@/server/region";

export default async function HomePage() {
  const t = await getTranslations("home");
  const r = region();
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-3xl font-bold leading-tight text-brand-800 sm:text-4xl">{t("heading", { region: r.name })}</h1>
        <p className="max-w-3xl text-lg text-slate-700">{t("lead")}</p>
        <p className="max-w-3xl text-slate-700">{t("oneCode")}</p>
        <div className="flex flex-wrap gap-3 pt-2">
          <ButtonLink href="/lapor">{t("cta")}</ButtonLink>
          <ButtonLink href="/lacak" variant="secondary">
            {t("trackCta")}
          </ButtonLink>
        </div>
      </section>

      <section aria-labelledby="how" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="how" className="mb-3 text-xl font-semibold">{t("howTitle")}</h2>
        <ol className="grid gap-4 sm:grid-cols-3">
          {(["step1", "step2", "step3"] as const).map((step, i) => (
            <li key={step} className="flex gap-3">
              <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-700 font-bold text-white">
                {i + 1}
              </span>
              <span>{t(step)}</span>
            </li>
          ))}
        </ol>
      </section>

      <div className="grid gap-6 sm:grid-cols-2">
        <section aria-labelledby="channels" className="space-y-2">
          <h2 id="channels" className="text-xl font-semibold">{t("channelsTitle")}</h2>
          <ul className="list-disc space-y-1 pl-5 text-slate-700">
            <li>{t("channelWeb")}</li>
            <li>{t("channelSms", { prefix: r.code })}</li>
            <li>{t("channelWalkIn")}</li>
          </ul>
        </section>
        <section aria-labelledby="privacy" className="space-y-2">
          <h2 id="privacy" className="text-xl font-semibold">{t("privacyTitle")}</h2>
          <ul className="list-disc space-y-1 pl-5 text-slate-700">
            <li>{t("privacyAnon")}</li>
            <li>{t("privacyConf")}</li>
          </ul>
        </section>
      </div>

      <section aria-labelledby="track" className="rounded-lg bg-brand-50 p-5 ring-1 ring-brand-100">
        <h2 id="track" className="mb-3 text-xl font-semibold">{t("trackCta")}</h2>
        <TrackForm />
      </section>
    </div>
  );
}
