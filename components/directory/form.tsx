"use client";

import { useTranslations } from "next-intl";
import { createContext, useActionState, useContext, type ReactNode } from "react";
import { dangerSmallButton, primarySmallButton, smallButton } from "@/components/ui/buttons";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field, inputClass } from "@/components/ui/field";
import { translateError } from "@/i18n/translate-error";
import type { FormState } from "@/lib/action";

/**
 * The directory's forms on the one staff-form wrapper (lib/action.ts): each form keeps its own
 * answer in React state — every field's error beside the field and what was typed, never in the
 * URL — and works without JavaScript (React posts the form and renders the page with the answer).
 * Success redirects to the saved entry with `?done=`.
 */
export type DirectoryAction = (previous: FormState, formData: FormData) => Promise<FormState>;
type Failed = Extract<NonNullable<FormState>, { ok: false }>;

const Answer = createContext<{ failed: Failed | null; prefix: string }>({ failed: null, prefix: "" });


/** What went wrong, for the form's alert: a form-level reason when the catalogue has one, else the summary. */
function useProblem(failed: Failed | null): string | null {
  const t = useTranslations("directory.errors");
  if (!failed) return null;
  return failed.formError && t.has(failed.formError) ? t(failed.formError as "invalid") : t("summary");
}

/**
 * A directory form: hidden fields, the fields (children, which read the answer through
 * `useDirectoryField`), one submit button. `prefix` keeps field ids apart when a page has two
 * forms with the same fields; `summary` puts the form behind a `<details>` that opens on a refusal.
 */
export function DirectoryForm(p: {
  action: DirectoryAction;
  hidden?: Record<string, string>;
  submit: string;
  submitAriaLabel?: string;
  prefix?: string;
  className?: string;
  id?: string;
  summary?: string;
  /** A secondary button (one of many rows, e.g. each category's keywords). */
  quiet?: boolean;
  children: ReactNode;
}) {
  const [state, dispatch] = useActionState(p.action, null);
  const failed = state?.ok === false ? state : null;
  const problem = useProblem(failed);
  const form = (
    <form action={dispatch} id={p.id} key={failed?.attempt ?? "form"} className={p.className ?? "space-y-3"}>
      {problem ? (
        <p role="alert" className="basis-full rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {problem}
        </p>
      ) : null}
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Answer.Provider value={{ failed, prefix: p.prefix ?? "" }}>{p.children}</Answer.Provider>
      <button type="submit" aria-label={p.submitAriaLabel} className={p.summary ? dangerSmallButton : p.quiet ? smallButton : primarySmallButton}>
        {p.submit}
      </button>
    </form>
  );
  if (!p.summary) return form;
  return (
    <details className="group" open={failed ? true : undefined}>
      <summary className="inline-flex min-h-11 cursor-pointer list-none items-center rounded-md border border-red-300 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50">{p.summary}</summary>
      <div className="mt-2 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">{form}</div>
    </details>
  );
}

/** A field's id, its error texts and its value: what was typed in a refused form, else the stored one. */
function useDirectoryField(name: string, stored: string | null | undefined) {
  const { failed, prefix } = useContext(Answer);
  const t = useTranslations("directory.errors");
  const errors = failed?.fieldErrors[name]?.map((k) => translateError((key, values) => (t.has(key) ? t(key as "invalid", values) : t("invalid")), k));
  return { id: `f-${prefix}${name}`, errors: errors?.length ? errors : undefined, value: failed && name in failed.values ? failed.values[name]! : (stored ?? ""), refused: failed !== null };
}

/** A labelled text input (or textarea) of a directory form. */
export function TextField(p: { name: string; label: string; stored?: string | null; hint?: string; optional?: string; textarea?: boolean; type?: string; srOnlyLabel?: boolean }) {
  const f = useDirectoryField(p.name, p.stored);
  return (
    <Field name={p.name} id={f.id} label={p.label} hint={p.hint} errors={f.errors} optionalLabel={p.optional} srOnlyLabel={p.srOnlyLabel}>
      {(a11y) =>
        p.textarea ? (
          <textarea {...a11y} name={p.name} defaultValue={f.value} rows={p.srOnlyLabel ? 2 : 3} className={inputClass} />
        ) : (
          <input {...a11y} name={p.name} type={p.type ?? "text"} defaultValue={f.value} className={inputClass} />
        )
      }
    </Field>
  );
}

export type Group = { label: string; options: [string, string][] };

/** A labelled select; `options` as [value, label], or `groups` of them under a heading each. */
export function SelectField(p: { name: string; label: string; stored?: string | null; options?: [string, string][]; groups?: Group[]; first?: [string, string]; hint?: string }) {
  const f = useDirectoryField(p.name, p.stored);
  const option = ([v, l]: [string, string]) => (
    <option key={v} value={v}>
      {l}
    </option>
  );
  return (
    <Field name={p.name} id={f.id} label={p.label} hint={p.hint} errors={f.errors}>
      {(a11y) => (
        <select {...a11y} name={p.name} defaultValue={f.value} className={inputClass}>
          {p.first ? option(p.first) : null}
          {p.options?.map(option)}
          {p.groups?.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map(option)}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox whose state survives a refusal (unticked boxes are not posted at all). */
export function CheckField({ name, label, hint, stored }: { name: string; label: string; hint?: string; stored: boolean }) {
  // After a refusal only what was posted counts: an unticked box is absent, never the stored state.
  const f = useDirectoryField(name, "");
  const checked = f.refused ? f.value === "on" : stored;
  return (
    <div className="flex items-start gap-2">
      <input id={f.id} name={name} type="checkbox" defaultChecked={checked} className="mt-1 h-5 w-5" />
      <label htmlFor={f.id}>
        <span className="font-medium">{label}</span>
        {hint ? <span className="block text-sm text-slate-600">{hint}</span> : null}
      </label>
    </div>
  );
}

/** Deactivate / activate behind a confirming second step; a refusal shows in the opened panel. */
export function ToggleForm(p: { action: DirectoryAction; label: string; explanation: ReactNode; confirmLabel: string; fields: Record<string, string>; danger: boolean }) {
  const [state, dispatch] = useActionState(p.action, null);
  const problem = useProblem(state?.ok === false ? state : null);
  return <ConfirmAction label={p.label} explanation={p.explanation} confirmLabel={p.confirmLabel} action={dispatch} fields={p.fields} danger={p.danger} error={problem ?? undefined} />;
}
