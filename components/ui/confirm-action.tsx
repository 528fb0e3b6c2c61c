import type { ReactNode } from "react";

/**
 * A destructive or weighty action behind a second step that needs no JavaScript: the first
 * button opens a panel (`<details>`) that says what will happen; only its button submits.
 */
export function ConfirmAction({
  label,
  ariaLabel,
  explanation,
  confirmLabel,
  action,
  fields,
  danger = true,
  error,
}: {
  label: string;
  /** A fuller name for the opening button when `label` alone is ambiguous (one per table row). */
  ariaLabel?: string;
  explanation: ReactNode;
  confirmLabel: string;
  /** A server action, or the dispatch of `useActionState` (then `error` shows what it answered). */
  action: (fd: FormData) => void | Promise<void>;
  fields: Record<string, string>;
  danger?: boolean;
  /** Why the last attempt failed: the panel opens with it. */
  error?: ReactNode;
}) {
  const tone = danger ? "border-red-300 text-red-800 hover:bg-red-50" : "border-slate-400 hover:bg-slate-100";
  return (
    <details className="group" open={error ? true : undefined}>
      <summary aria-label={ariaLabel} className={`inline-flex min-h-11 cursor-pointer list-none items-center rounded-md border px-3 py-1 text-sm font-semibold ${tone}`}>{label}</summary>
      <form action={action} className="mt-2 space-y-2 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
        {Object.entries(fields).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {error ? <p role="alert" className="rounded-md bg-red-50 p-2 text-red-900">{error}</p> : null}
        <div>{explanation}</div>
        <button type="submit" className={`min-h-11 rounded-md px-4 py-1 font-semibold ${danger ? "bg-red-700 text-white hover:bg-red-800" : "bg-brand-700 text-white hover:bg-brand-800"}`}>
          {confirmLabel}
        </button>
      </form>
    </details>
  );
}
