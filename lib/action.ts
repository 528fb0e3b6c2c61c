/**
 * The one way to write a form's server action (staff forms; the public form works the same way).
 *
 *   export const saveThing = formAction({ authorise: () => requireStaff("admin.manage"), schema }, async (input, staff) => { … });
 *   // in the client form:  const [state, action] = useActionState(saveThing, null);
 *
 * It authorises first (a guard that redirects or answers 404 as every page does), reads the
 * form's text fields, validates them with the zod schema, then runs the handler. The answer is
 * `{ ok: true, result }` or `{ ok: false, fieldErrors, formError, values }`: every field's
 * catalogue keys (not only the first), one form-level key, and the typed values so the form shows
 * them again — in React state, never in the URL. It works without JavaScript: React posts the
 * form to the action and renders the page with the returned state. Fields named in `secret`
 * (passwords) are never sent back.
 *
 * A file (or any other non-text field) is not read nor echoed: the handler takes it from the
 * `formData` it is given, and names the field in its `ValidationError` (`{ file: ["tooLarge"] }`)
 * for the form to show beside it.
 *
 * Errors: a zod failure and a `ValidationError` from the handler become field errors; an
 * `AppError` below 500 becomes `formError` (its code, e.g. "forbidden", "action_not_allowed";
 * its plain `extra` values as `formErrorData`, e.g. minutes to wait);
 * anything else is thrown (Next's error page and the log, as for any other failure). Next's
 * `redirect()`/`notFound()` thrown by the guard or the handler pass through.
 */
import type { z } from "zod";
import { collectFieldErrors, type FieldErrors } from "@/domain/complaint-input";
import { AppError, ValidationError } from "./errors";

type FormValues = Record<string, string>;

/** What a form shows after posting (`null` before the first post). */
export type FormState<R = null> =
  | { ok: true; result: R; attempt: number }
  | { ok: false; fieldErrors: FieldErrors; formError: string | null; formErrorData?: Record<string, string | number>; values: FormValues; attempt: number }
  | null;

export type FormActionOptions<S extends z.ZodType, A> = {
  /** Authenticates and authorises; redirects or throws when the caller may not act. */
  authorise: () => Promise<A>;
  schema: S;
  /** Fields never echoed back in `values` (passwords). */
  secret?: readonly string[];
};

/** Longest text kept from one field for echoing back (the schema decides what is valid). */
const ECHO_MAX = 5000;

/** The form's text fields, except React's and Next's own (`$ACTION_…`). Repeated names keep the last. */
function formValues(formData: FormData): FormValues {
  const out: FormValues = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) out[k] = v;
  return out;
}

/** Builds a server action for `useActionState(action, null)`. */
export function formAction<S extends z.ZodType, A, R = null>(
  options: FormActionOptions<S, A>,
  handler: (input: z.output<S>, actor: A, formData: FormData) => Promise<R>,
): (previous: FormState<R>, formData: FormData) => Promise<FormState<R>> {
  return async (_previous, formData) => {
    const actor = await options.authorise();
    const raw = formValues(formData);
    const values: FormValues = {};
    for (const [k, v] of Object.entries(raw)) if (!options.secret?.includes(k)) values[k] = v.slice(0, ECHO_MAX);
    const failed = (fieldErrors: FieldErrors, formError: string | null, formErrorData?: Record<string, string | number>): FormState<R> => ({
      ok: false,
      fieldErrors,
      formError,
      ...(formErrorData ? { formErrorData } : {}),
      values,
      attempt: Date.now(),
    });
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) return failed(collectFieldErrors(parsed.error), null);
    try {
      return { ok: true, result: await handler(parsed.data, actor, formData), attempt: Date.now() };
    } catch (err) {
      if (err instanceof ValidationError) {
        const { _form, ...fields } = err.fieldErrors;
        return failed(fields, _form?.[0] ?? null);
      }
      if (err instanceof AppError && err.status < 500) {
        const data = Object.fromEntries(Object.entries(err.extra).filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number"));
        return failed({}, err.code, Object.keys(data).length ? data : undefined);
      }
      throw err;
    }
  };
}
