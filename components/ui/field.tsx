import type { ReactNode } from "react";

/**
 * A labelled form field with its hint and errors beside it. The control receives the ids it
 * must reference (aria-describedby) through the render prop.
 */
export function Field({
  name,
  id: given,
  label,
  hint,
  errors,
  optionalLabel,
  srOnlyLabel,
  children,
}: {
  name: string;
  /** The control's id when several forms on a page share field names (default `f-<name>`). */
  id?: string;
  label: string;
  hint?: string;
  errors?: string[];
  optionalLabel?: string;
  /** The label is read out but not shown (a row whose heading already names the field). */
  srOnlyLabel?: boolean;
  children: (a11y: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}) {
  const id = given ?? `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={srOnlyLabel ? "sr-only" : "font-medium"}>
        {label}
        {optionalLabel ? <span className="ml-1 text-sm font-normal text-slate-600">({optionalLabel})</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errors?.length ? true : undefined })}
      {errors?.length ? (
        <ul id={`${id}-error`} className="text-sm font-medium text-red-700">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const inputClass =
  "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-invalid:border-red-700 aria-invalid:ring-1 aria-invalid:ring-red-700";
