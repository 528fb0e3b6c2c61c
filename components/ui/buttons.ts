/** Button classes shared by server and client components (a plain module: no React, no i18n). */
export const smallButton =
  "inline-flex min-h-11 items-center justify-center rounded-md border border-brand-700 bg-white px-3 py-1.5 text-sm font-semibold text-brand-700 hover:bg-brand-50";
export const primarySmallButton =
  "inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-800";
export const dangerSmallButton = "inline-flex min-h-11 items-center justify-center rounded-md bg-red-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-red-800";
