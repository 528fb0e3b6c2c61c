import { useTranslations } from "next-intl";
import { Field, inputClass } from "@/components/ui/field";

/**
 * The complaint's location point: latitude and longitude typed by hand (works without
 * JavaScript). On /lapor the form island (islands/lapor-form.ts) shows the "use my location" and
 * "mark on a map" tools hidden here, fills these two fields, and loads the map only when asked.
 */
export function LocationPoint({ values, errorsFor }: { values: Record<string, string | undefined>; errorsFor: (name: string) => string[] | undefined }) {
  const t = useTranslations("form");
  return (
    <div className="space-y-3 rounded-md bg-white p-4 ring-1 ring-slate-200" data-location-point>
      <p className="font-medium">
        {t("pointTitle")} <span className="text-sm font-normal text-slate-600">({t("optional")})</span>
      </p>
      <p className="text-sm text-slate-700">{t("pointLead")}</p>
      <div hidden data-geo-tools className="space-y-3">
        <p id="geo-consent" className="text-sm text-slate-700">
          {t("pointConsent")}
        </p>
        <div className="flex flex-wrap gap-3">
          <button type="button" data-geo-locate aria-describedby="geo-consent" className="min-h-11 rounded-md bg-brand-100 px-4 py-2 font-semibold text-brand-800 ring-1 ring-brand-600">
            {t("useMyLocation")}
          </button>
          <button type="button" data-geo-map hidden className="min-h-11 rounded-md bg-white px-4 py-2 font-semibold text-brand-800 ring-1 ring-brand-600">
            {t("pickOnMap")}
          </button>
        </div>
        <p role="status" data-geo-status className="text-sm text-slate-800" />
        <div data-geo-map-box hidden className="space-y-1">
          <p className="text-sm text-slate-700">{t("mapHelp")}</p>
          <div data-geo-map-canvas role="region" aria-label={t("mapLabel")} className="h-72 w-full rounded-md bg-slate-100 ring-1 ring-slate-300" />
        </div>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="lat" label={t("latLabel")} hint={t("latHint")} errors={errorsFor("lat")}>
          {(a) => <input {...a} name="lat" defaultValue={values.lat} inputMode="decimal" autoComplete="off" maxLength={20} className={inputClass} />}
        </Field>
        <Field name="lon" label={t("lonLabel")} hint={t("lonHint")} errors={errorsFor("lon")}>
          {(a) => <input {...a} name="lon" defaultValue={values.lon} inputMode="decimal" autoComplete="off" maxLength={20} className={inputClass} />}
        </Field>
      </div>
    </div>
  );
}
