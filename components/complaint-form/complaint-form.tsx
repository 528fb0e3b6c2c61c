"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { submitComplaint } from "@/app/(public)/lapor/actions";
import { initialFormState } from "@/app/(public)/lapor/form-state";
import { Field, inputClass } from "@/components/ui/field";
import { EARLIEST_INCIDENT_DATE, LIMITS, parseComplaintInput, type FieldErrors } from "@/domain/complaint-input";
import { translateError } from "@/i18n/translate-error";
import { LocationPoint } from "./location-point";
import { Receipt } from "./receipt";
import { SubmitButton } from "./submit-button";

export type FormOptions = {
  categories: { code: string; name: string }[];
  areas: { name: string; kelurahan: string[] }[];
};

/**
 * The complaint form. Without JavaScript it is a plain multipart POST to a server action; with
 * it, the same shared schema checks each field as the citizen leaves it.
 */
export function ComplaintForm({
  options,
  today,
  idempotencyKey,
  origin,
  submit = submitComplaint,
  channels,
}: {
  options: FormOptions;
  today: string;
  idempotencyKey: string;
  origin: string;
  /** Staff entering a complaint on a citizen's behalf post to their own action. */
  submit?: typeof submitComplaint;
  /** Offered to staff: the channel the complaint arrived on (walk-in, phone, letter…). */
  channels?: { value: string; label: string }[];
}) {
  const t = useTranslations("form");
  const te = useTranslations("errors");
  const [state, action] = useActionState(submit, initialFormState);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [liveErrors, setLiveErrors] = useState<FieldErrors>({});
  // Seeded from the action's state, not only in the effect below: without JavaScript the page
  // is rendered once on the server and effects never run, yet the errors must be shown.
  const [serverErrors, setServerErrors] = useState<FieldErrors>(() => (state.status === "error" ? state.fieldErrors : {}));
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setServerErrors(state.status === "error" ? state.fieldErrors : {});
    setTouched(new Set());
    if (state.status === "error") summary.current?.focus();
  }, [state]);

  const values = state.status === "error" ? state.values : {};

  const validate = () => {
    if (!form.current) return;
    const raw = Object.fromEntries([...new FormData(form.current).entries()].filter(([, v]) => typeof v === "string"));
    const result = parseComplaintInput(raw, today);
    setLiveErrors(result.ok ? {} : result.fieldErrors);
  };
  const onLeave = (e: React.FocusEvent<HTMLFormElement>) => {
    const name = (e.target as unknown as HTMLInputElement).name;
    if (!name) return;
    setTouched((prev) => new Set(prev).add(name));
    validate();
  };
  const onInput = (e: React.FormEvent<HTMLFormElement>) => {
    const name = (e.target as unknown as HTMLInputElement).name;
    if (name && serverErrors[name]) setServerErrors(({ [name]: _drop, ...rest }) => rest);
    validate();
  };

  const errorsFor = (name: string): string[] | undefined => {
    const keys = serverErrors[name] ?? (touched.has(name) ? liveErrors[name] : undefined);
    return keys?.map((k) => translateError(te, k));
  };

  if (state.status === "ok") return <Receipt trackingCode={state.trackingCode} accessKey={state.accessKey} origin={origin} />;

  const errorCount = Object.keys(serverErrors).length;
  const formError = state.status === "error" ? state.formError : undefined;

  return (
    <form ref={form} action={action} onBlur={onLeave} onInput={onInput} noValidate className="space-y-8" data-complaint-form>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div ref={summary} tabIndex={-1} aria-live="assertive">
        {errorCount > 0 || formError ? (
          <div role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
            {formError ? <p>{t(formError.key, formError.values)}</p> : <p>{t("errorSummary", { count: errorCount })}</p>}
            {errorCount > 0 ? (
              <ul className="mt-2 list-disc pl-5">
                {Object.keys(serverErrors).map((f) => (
                  <li key={f}>
                    <a href={`#f-${f === "kecamatan" ? "kelurahan" : f}`} className="underline">
                      {labelFor(t, f)}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>

      {channels ? (
        <Field name="channel" label={t("channelLabel")} errors={errorsFor("channel")}>
          {(a) => (
            <select {...a} name="channel" required defaultValue={values.channel ?? ""} className={inputClass}>
              <option value="">{t("channelChoose")}</option>
              {channels.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}

      <fieldset className="space-y-5">
        <legend className="mb-2 text-lg font-semibold">{t("sectionComplaint")}</legend>
        <Field name="title" label={t("titleLabel")} hint={t("titleHint")} errors={errorsFor("title")}>
          {(a) => <input {...a} name="title" defaultValue={values.title} required minLength={LIMITS.titleMin} maxLength={LIMITS.titleMax} className={inputClass} />}
        </Field>
        <Field name="body" label={t("bodyLabel")} hint={t("bodyHint")} errors={errorsFor("body")}>
          {(a) => <textarea {...a} name="body" defaultValue={values.body} required rows={6} maxLength={LIMITS.bodyMax} className={inputClass} />}
        </Field>
        <Field name="categoryCode" label={t("categoryLabel")} hint={t("categoryHint")} errors={errorsFor("categoryCode")} optionalLabel={t("optional")}>
          {(a) => (
            <select {...a} name="categoryCode" defaultValue={values.categoryCode ?? ""} className={inputClass}>
              <option value="">{t("categoryChoose")}</option>
              {options.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="mb-2 text-lg font-semibold">{t("sectionLocation")}</legend>
        <Field name="kelurahan" label={t("areaLabel")} hint={t("areaHint")} errors={errorsFor("kelurahan") ?? errorsFor("kecamatan")} optionalLabel={t("optional")}>
          {(a) => (
            <select {...a} name="kelurahan" defaultValue={values.kelurahan ?? ""} className={inputClass}>
              <option value="">{t("areaChoose")}</option>
              {options.areas.map((k) => (
                <optgroup key={k.name} label={t("areaGroup", { name: k.name })}>
                  {k.kelurahan.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field name="address" label={t("addressLabel")} hint={t("addressHint")} errors={errorsFor("address")} optionalLabel={t("optional")}>
          {(a) => <input {...a} name="address" defaultValue={values.address} maxLength={LIMITS.addressMax} autoComplete="street-address" className={inputClass} />}
        </Field>
        <LocationPoint values={values} errorsFor={errorsFor} />
        <Field name="incidentDate" label={t("incidentDateLabel")} errors={errorsFor("incidentDate")} optionalLabel={t("optional")}>
          {(a) => <input {...a} type="date" name="incidentDate" defaultValue={values.incidentDate} min={EARLIEST_INCIDENT_DATE} max={today} className={`${inputClass} sm:w-60`} />}
        </Field>
      </fieldset>

      <fieldset className="space-y-5">
        <legend className="mb-2 text-lg font-semibold">{t("sectionReporter")}</legend>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field name="reporterName" label={t("nameLabel")} errors={errorsFor("reporterName")} optionalLabel={t("optional")}>
            {(a) => <input {...a} name="reporterName" defaultValue={values.reporterName} maxLength={LIMITS.nameMax} autoComplete="name" className={inputClass} />}
          </Field>
          <Field name="reporterPhone" label={t("phoneLabel")} hint={t("phoneHint")} errors={errorsFor("reporterPhone")} optionalLabel={t("optional")}>
            {(a) => <input {...a} type="tel" name="reporterPhone" defaultValue={values.reporterPhone} autoComplete="tel" inputMode="tel" className={inputClass} />}
          </Field>
          <Field name="reporterEmail" label={t("emailLabel")} errors={errorsFor("reporterEmail")} optionalLabel={t("optional")}>
            {(a) => <input {...a} type="email" name="reporterEmail" defaultValue={values.reporterEmail} autoComplete="email" className={inputClass} />}
          </Field>
          <Field name="nik" label={t("nikLabel")} hint={t("nikHint")} errors={errorsFor("nik")} optionalLabel={t("optional")}>
            {(a) => <input {...a} name="nik" defaultValue={values.nik} inputMode="numeric" autoComplete="off" maxLength={20} className={inputClass} />}
          </Field>
        </div>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="mb-2 text-lg font-semibold">{t("sectionPrivacy")}</legend>
        {(["anonymous", "confidential"] as const).map((flag) => (
          <div key={flag} className="flex gap-3">
            <input
              id={`f-${flag}`}
              type="checkbox"
              name={flag}
              value="true"
              defaultChecked={values[flag] === "true"}
              aria-describedby={`f-${flag}-hint`}
              className="mt-1 size-5 shrink-0 accent-brand-700"
            />
            <div>
              <label htmlFor={`f-${flag}`} className="font-medium">
                {t(`${flag}Label`)}
              </label>
              <p id={`f-${flag}-hint`} className="text-sm text-slate-600">
                {t(`${flag}Hint`)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="mb-2 text-lg font-semibold">{t("sectionAttachments")}</legend>
        <Field name="attachments" label={t("attachmentsLabel")} hint={t("attachmentsHint")} errors={errorsFor("attachments")} optionalLabel={t("optional")}>
          {(a) => <input {...a} type="file" name="attachments" multiple accept="image/jpeg,image/png,application/pdf" className="block w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border-0 file:bg-brand-100 file:px-4 file:py-2 file:font-semibold file:text-brand-800" />}
        </Field>
        {channels ? null : (
          <div className="flex gap-3">
            <input id="f-photoLocation" type="checkbox" name="photoLocation" value="true" defaultChecked={values.photoLocation === "true"} aria-describedby="f-photoLocation-hint" className="mt-1 size-5 shrink-0 accent-brand-700" />
            <div>
              <label htmlFor="f-photoLocation" className="font-medium">
                {t("photoLocationLabel")}
              </label>
              <p id="f-photoLocation-hint" className="text-sm text-slate-600">
                {t("photoLocationHint")}
              </p>
            </div>
          </div>
        )}
        {state.status === "error" && state.hadFiles ? <p className="text-sm text-amber-900">{t("attachmentsReselect")}</p> : null}
      </fieldset>

      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}

const LABEL_KEYS: Record<string, string> = {
  title: "titleLabel",
  body: "bodyLabel",
  categoryCode: "categoryLabel",
  kecamatan: "areaLabel",
  kelurahan: "areaLabel",
  address: "addressLabel",
  lat: "latLabel",
  lon: "lonLabel",
  incidentDate: "incidentDateLabel",
  reporterName: "nameLabel",
  reporterPhone: "phoneLabel",
  reporterEmail: "emailLabel",
  nik: "nikLabel",
  attachments: "attachmentsLabel",
};

function labelFor(t: (k: string) => string, field: string): string {
  return LABEL_KEYS[field] ? t(LABEL_KEYS[field]!) : field;
}
