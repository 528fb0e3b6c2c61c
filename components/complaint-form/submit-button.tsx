"use client";

import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button-link";

/** Disabled while the form is sending, so a double click sends once (the server also dedupes). */
export function SubmitButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonClass("primary")}>
      {pending ? pendingLabel : label}
    </button>
  );
}
