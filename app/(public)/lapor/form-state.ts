import type { FieldErrors } from "@/domain/complaint-input";

/** What the complaint form's server action returns to `useActionState`. */
export type ComplaintFormState =
  | { status: "idle" }
  | {
      status: "error";
      fieldErrors: FieldErrors;
      /** A catalogue key under `form.` with its values, for errors that belong to no field. */
      formError?: { key: "rateLimited" | "unexpected" | "alreadySent"; values?: Record<string, number> };
      /** What was typed, so a page rendered without JavaScript keeps it. */
      values: Record<string, string>;
      hadFiles: boolean;
    }
  | { status: "ok"; trackingCode: string; accessKey: string };

export const initialFormState: ComplaintFormState = { status: "idle" };
