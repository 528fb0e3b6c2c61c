"use client";

import { useTranslations } from "next-intl";
import { createContext, useActionState, useContext, type ReactNode } from "react";
import { reconcileAction, resolveQuarantineAction } from "@/app/(staff)/petugas/integrasi/actions";
import type { FormState } from "@/lib/action";

/** What a refused one-button action says (catalogue keys of `staff.integration.errors`). */
function useRefusal(state: FormState): string | null {
  const t = useTranslations("staff.integration");
  if (state?.ok !== false) return null;
  const keys = [...(state.formError ? [state.formError] : []), ...Object.values(state.fieldErrors).flat()];
  return [...new Set(keys)].map((k) => (t.has(`errors.${k}`) ? t(`errors.${k}` as "errors.invalid") : t("errors.invalid"))).join(" ");
}

/** Runs a reconciliation now; "LAPOR is off" answers beside the button. Works without JavaScript. */
export function ReconcileForm({ label, buttonClass }: { label: string; buttonClass: string }) {
  const [state, action] = useActionState(reconcileAction, null);
  const refusal = useRefusal(state);
  return (
    <form action={action} className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <button type="submit" className={buttonClass} aria-describedby={refusal ? "reconcile-error" : undefined}>{label}</button>
      {refusal ? <p id="reconcile-error" role="alert" className="text-sm font-medium text-red-700">{refusal}</p> : null}
    </form>
  );
}

const ResolveContext = createContext<((formData: FormData) => void) | null>(null);

/**
 * The quarantine list's one action state. Its "already resolved" answer is said once, above the
 * list: without JavaScript the page comes back without that item, so its own row cannot say it.
 */
export function QuarantineResolve({ children }: { children: ReactNode }) {
  const [state, action] = useActionState(resolveQuarantineAction, null);
  const refusal = useRefusal(state);
  return (
    <ResolveContext.Provider value={action}>
      {refusal ? <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">{refusal}</p> : null}
      {children}
    </ResolveContext.Provider>
  );
}

/** Marks one quarantined payload as dealt with (inside `QuarantineResolve`). */
export function ResolveQuarantineButton({ id, label, buttonClass }: { id: number; label: string; buttonClass: string }) {
  const action = useContext(ResolveContext);
  return (
    <form action={action ?? undefined}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={buttonClass}>{label}</button>
    </form>
  );
}
