import "server-only";
import { ACTIONS, type Action } from "@/domain/workflow";

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
