"use client";

import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button-link";

/**
 * "Print / save as PDF": the browser's print dialog (which also saves a PDF). Shown only once
 * JavaScript runs — without it the page says how to print from the browser's menu instead. A
 * React handler, no inline script, so it works under a strict CSP.
 */
export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" onClick={() => window.print()} className={`${buttonClass("secondary")} print:hidden`} data-testid="print">
      {label}
    </button>
  );
}
