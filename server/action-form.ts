import "server-only";
import { ACTIONS, type Action } from "@/domain/workflow";
import { AppError, ValidationError } from "@/lib/errors";
import { log } from "../lib/log";

/** The action named by a submitted form, or null when it names none. */
export function actionFromForm(formData: FormData): Action | null {
  const a = String(formData.get("action") ?? "");
  return (ACTIONS as readonly string[]).includes(a) ? (a as Action) : null;
}

/** The form's fields other than the routing ones, as a plain object for the action's schema. */
export function actionInput(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !k.startsWith("$ACTION") && k !== "action" && k !== "code" && k !== "key" && k !== "attachmentsPublic") out[k] = v;
  }
  return out;
}

/** Query string that reports a failed action back to the page: a catalogue key, never user data. */
export function errorQuery(action: string, err: unknown): string {
  let key = "invalid";
  if (err instanceof ValidationError) key = Object.values(err.fieldErrors)[0]?.[0] ?? "invalid";
  else if (err instanceof AppError && err.code === "action_not_allowed") key = "actionNotAllowed";
  else if (err instanceof AppError && err.status === 403) key = "forbidden";
  else log.error("workflow action failed", { action, err });
  return `?error=${encodeURIComponent(key)}&action=${encodeURIComponent(action)}`;
}
