"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { Field, inputClass } from "@/components/ui/field";
import { translateError } from "@/i18n/translate-error";
import type { FormState } from "@/lib/action";

type Option = { value: string; label: string };

/** One field as the form shows it: its description (domain/action-fields.ts) with labels, choices and prefill resolved by the page. */
export type ShownField =
  | { name: string; kind: "text" | "textarea"; label: string; required: boolean; defaultValue?: string }
  | { name: string; kind: "select"; label: string; required: boolean; options: Option[]; defaultValue?: string }
  | { name: string; kind: "grouped"; label: string; required: boolean; groups: { group: string; options: Option[] }[] }
  | { name: string; kind: "date"; label: string; min?: string; max?: string }
  | { name: string; kind: "rating"; label: string }
  | { name: string; kind: "files"; label: string }
  | { name: string; kind: "checkbox"; label: string };

/** A workflow action's server action: `formAction`'s shape (it redirects on success). */
export type WorkflowSubmit = (previous: FormState, formData: FormData) => Promise<FormState>;

/** The wrapper's form-level codes as keys of the `errors` catalogue (anything else: its own key, or "invalid"). */
const FORM_ERRORS: Record<string, string> = { action_not_allowed: "actionNotAllowed", forbidden: "forbidden", rate_limited: "invalid" };

/**
 * One workflow action's collapsible form (`useActionState`, so it works without JavaScript: the
 * page renders the answer). After a failure it opens again with each problem beside its field,
 * a problem of the whole action above the fields, and everything typed still there.
 */
export function ActionForm({
  action,
  title,
  code,
  submit,
  fields,
  hidden,
  open,
  picker,
  next,
  choose,
}: {
  action: string;
  title: string;
  code: string;
  submit: WorkflowSubmit;
  fields: ShownField[];
  hidden: Record<string, string>;
  open: boolean;
  picker?: ReactNode;
  next?: { checked: boolean; label: string };
  choose: string;
}) {
  const [state, formAction] = useActionState(submit, null);
  const failed = state?.ok === false ? state : null;
  const { message, general } = useProblems(failed, fields.map((f) => f.name));
  const errorsOf = (name: string) => failed?.fieldErrors[name]?.map(message);
  const value = (f: { name: string; defaultValue?: string }) => (failed ? failed.values[f.name] : f.defaultValue);
  const id = (name: string) => `${action}-${name}`;
  return (
    <details id={`act-${action}`} open={open || !!failed} className="rounded-md bg-white ring-1 ring-slate-300 open:ring-brand-600">
      <summary className="cursor-pointer select-none px-4 py-3 font-semibold text-brand-800">{title}</summary>
      {picker}
      {/* Remounted after every answer, so the fields show what was just sent (React resets a form after its action). */}
      <form action={formAction} key={failed?.attempt ?? "form"} className="space-y-3 border-t border-slate-200 p-4">
        <input type="hidden" name="code" value={code} />
        <input type="hidden" name="action" value={action} />
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {general ? (
          <p id={`err-${action}`} role="alert" className="rounded-md bg-red-50 p-3 text-sm font-medium text-red-900">
            {general}
          </p>
        ) : null}
        {fields.map((f) =>
          f.kind === "checkbox" ? (
            <label key={f.name} htmlFor={id(f.name)} className="flex min-h-11 items-center gap-2 text-sm">
              <input id={id(f.name)} name={f.name} type="checkbox" value="1" defaultChecked={failed?.values[f.name] === "1"} className="size-5" />
              {f.label}
            </label>
          ) : f.kind === "rating" ? (
            <RatingStars key={f.name} id={id(f.name)} name={f.name} label={f.label} checked={failed?.values[f.name]} errors={errorsOf(f.name)} />
          ) : (
            <Field key={f.name} name={f.name} id={id(f.name)} label={f.label} errors={errorsOf(f.name)}>
              {(a11y) => <Control field={f} a11y={a11y} value={value(f as { name: string; defaultValue?: string })} choose={choose} />}
            </Field>
          ),
        )}
        {next ? <input type="hidden" name="lanjutPilihan" value="1" /> : null}
        {next ? (
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="lanjut" value="1" defaultChecked={failed ? failed.values.lanjut === "1" : next.checked} className="size-5" />
            {next.label}
          </label>
        ) : null}
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {title}
        </button>
      </form>
    </details>
  );
}

/** Error keys as text: each field's own, and the rest (the action's, or a field this form does not show) as one sentence. */
function useProblems(failed: Extract<FormState, { ok: false }> | null, shownFields: string[]) {
  const te = useTranslations("errors");
  const message = (key: string) => translateError(te, key);
  const general = failed
    ? [...(failed.formError ? [FORM_ERRORS[failed.formError] ?? failed.formError] : []), ...Object.entries(failed.fieldErrors).flatMap(([k, keys]) => (shownFields.includes(k) ? [] : keys))]
    : [];
  return { message, general: general.length ? [...new Set(general)].map(message).join(" ") : null };
}

/** A workflow action that is one button (its input in hidden fields, e.g. "merge into this one"); a refusal shows beside it. */
export function ActionButton({ submit, hidden, children, className }: { submit: WorkflowSubmit; hidden: Record<string, string>; children: ReactNode; className: string }) {
  const [state, formAction] = useActionState(submit, null);
  const { general } = useProblems(state?.ok === false ? state : null, []);
  return (
    <form action={formAction} className="space-y-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {general ? <p role="alert" className="rounded-md bg-red-50 p-3 text-sm font-medium text-red-900">{general}</p> : null}
      <button type="submit" className={className}>
        {children}
      </button>
    </form>
  );
}

function Control({ field: f, a11y, value, choose }: { field: ShownField; a11y: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }; value: string | undefined; choose: string }) {
  const common = { ...a11y, name: f.name, className: inputClass };
  switch (f.kind) {
    case "textarea":
      return <textarea {...common} rows={f.defaultValue ? 8 : 4} required={f.required} defaultValue={value} />;
    case "text":
      return <input {...common} required={f.required} defaultValue={value} />;
    case "date":
      return <input {...common} type="date" min={f.min} max={f.max} defaultValue={value} />;
    case "files":
      return (
        <input
          {...a11y}
          name={f.name}
          type="file"
          multiple
          accept="image/jpeg,image/png,application/pdf"
          className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-md file:border-0 file:bg-brand-100 file:px-4 file:py-2 file:font-semibold file:text-brand-800"
        />
      );
    case "select":
      return (
        <select {...common} required={f.required} defaultValue={value ?? ""}>
          <option value="">{choose}</option>
          {f.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case "grouped":
      return (
        <select {...common} required={f.required} defaultValue={value ?? ""}>
          <option value="">{choose}</option>
          {f.groups.map((g) => (
            <optgroup key={g.group} label={g.group}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      );
    default:
      return null;
  }
}

/**
 * Five large tappable stars, plain radio buttons (no JavaScript): shown 1 to 5 left to right, the
 * chosen star and those before it filled (DOM order 5…1 so `peer-checked ~` reaches the smaller ones).
 */
function RatingStars({ id, name, label, checked, errors }: { id: string; name: string; label: string; checked?: string; errors?: string[] }) {
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <span id={`${id}-label`} className="text-sm font-medium">
        {label}
      </span>
      {/* Flat siblings: a checked star fills every label after it in the DOM (the smaller ones). */}
      <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={errors?.length ? errorId : undefined} aria-invalid={errors?.length ? true : undefined} className="flex flex-row-reverse justify-end gap-1">
        {[5, 4, 3, 2, 1].flatMap((n) => [
          <input key={`i${n}`} type="radio" id={`${id}-${n}`} name={name} value={n} required defaultChecked={checked === String(n)} className="peer sr-only" />,
          <label
            key={`l${n}`}
            htmlFor={`${id}-${n}`}
            className="flex size-12 cursor-pointer flex-col items-center justify-center rounded-md bg-white text-3xl leading-none text-slate-300 ring-1 ring-slate-300 peer-checked:text-amber-500 [input:focus-visible+&]:ring-2 [input:focus-visible+&]:ring-brand-700"
          >
            <span aria-hidden="true">★</span>
            <span className="text-xs text-slate-700">{n}</span>
          </label>,
        ])}
      </div>
      {errors?.length ? (
        <ul id={errorId} className="text-sm font-medium text-red-700">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
