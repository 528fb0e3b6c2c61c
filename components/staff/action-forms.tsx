import { getTranslations } from "next-intl/server";
import { runStaffAction } from "@/app/(staff)/petugas/aduan/[code]/actions";
import { ClientMessages } from "@/components/client-messages";
import { inputClass } from "@/components/ui/field";
import { ACTION_FIELDS, ACTIONS_WITH_FILES, type ActionField } from "@/domain/action-fields";
import type { Action } from "@/domain/workflow";
import { ActionForm, type ShownField, type WorkflowSubmit } from "./action-form";

type Option = { value: string; label: string };
export type ActionFormOptions = {
  opds: Option[];
  externals: Option[];
  categories: Option[];
  kelurahan: { group: string; options: Option[] }[];
  officers: Option[];
  defaults: { opdCode?: string; externalCode?: string; title: string };
  /** Offer file fields on the actions that take them (staff forms; not the reporter's). */
  files?: boolean;
  /** The days a progress update may promise (today … the resolution deadline), YYYY-MM-DD. */
  expected?: { min: string; max: string | null };
  /** Offer "open the next complaint in the queue afterwards" (a coordinator on a queued complaint), ticked or not. */
  next?: { checked: boolean };
  /** Answer templates offered in the answer and request-information forms, and the one chosen (`?templat=`). */
  templates?: Partial<Record<"respond" | "request_info", TemplateChoice>>;
};

type TemplateChoice = { options: Option[]; chosen: string | null; text: string | null; templateId: number | null };
type Translate = (key: string) => string;

/** An action's field description (domain/action-fields.ts) as this page shows it: label, choices and prefill from the page. */
function shown(f: ActionField, action: Action, o: ActionFormOptions, t: Translate): ShownField {
  const label = t(`fields.${f.name}`);
  const prefill = "prefill" in f && f.prefill ? (f.prefill === "template" ? (o.templates?.[action as "respond"]?.text ?? undefined) : o.defaults[f.prefill]) : undefined;
  switch (f.kind) {
    case "text":
    case "textarea":
      return { name: f.name, kind: f.kind, label, required: f.required, defaultValue: prefill };
    case "code":
      return { name: f.name, kind: "text", label, required: f.required };
    case "select":
      return f.options === "kelurahan"
        ? { name: f.name, kind: "grouped", label, required: f.required, groups: o.kelurahan }
        : { name: f.name, kind: "select", label, required: f.required, options: o[f.options], defaultValue: prefill };
    case "choice":
      return { name: f.name, kind: "select", label, required: f.required, options: f.values.map((v) => ({ value: v, label: t(`${f.labels}.${v}`) })) };
    case "date":
      return { name: f.name, kind: "date", label, min: f.name === "expectedDate" ? o.expected?.min : undefined, max: f.name === "expectedDate" ? (o.expected?.max ?? undefined) : undefined };
    case "rating":
      return { name: f.name, kind: "rating", label };
  }
}

/**
 * One collapsible form per action the workflow table allows this person, its fields generated
 * from the action's field description, so the page works without JavaScript. A failed attempt
 * comes back in the form that sent it (field by field, values kept; never in the URL).
 */
export async function ActionForms({
  code,
  actions,
  options,
  submitAction = runStaffAction,
  hidden = {},
  labels = "staff.actions",
}: {
  code: string;
  actions: Action[];
  options: ActionFormOptions;
  submitAction?: WorkflowSubmit;
  hidden?: Record<string, string>;
  labels?: string;
}) {
  const t = await getTranslations("staff");
  const ta = await getTranslations(labels as "staff.actions");
  const tf = await getTranslations("flow");
  return (
    <ClientMessages sections={["errors"]}>
      <div className="space-y-2">
        {actions.map((action) => {
          const tpl = action === "respond" || action === "request_info" ? options.templates?.[action] : undefined;
          const files = options.files && ACTIONS_WITH_FILES.includes(action);
          const fields: ShownField[] = [
            ...ACTION_FIELDS[action].map((f: ActionField) => shown(f, action, options, (key) => t(key as "fields.note"))),
            ...(files
              ? [
                  { name: "attachments", kind: "files", label: t("fields.attachments") } as const,
                  { name: "attachmentsPublic", kind: "checkbox", label: t("fields.attachmentsPublic") } as const,
                ]
              : []),
          ];
          return (
            <ActionForm
              key={action}
              action={action}
              title={ta(action)}
              code={code}
              submit={submitAction}
              fields={fields}
              hidden={{ ...hidden, ...(tpl?.templateId ? { templateId: String(tpl.templateId) } : {}) }}
              open={!!tpl?.text}
              picker={tpl && tpl.options.length > 0 ? <TemplatePicker code={code} action={action} choice={tpl} /> : undefined}
              next={options.next ? { checked: options.next.checked, label: tf("next.auto") } : undefined}
              choose={t("fields.choose")}
            />
          );
        })}
      </div>
    </ClientMessages>
  );
}

/**
 * Picks an answer template with a plain GET (`?templat=<id>&untuk=<action>`): the page comes back
 * with the form's text filled in, with or without JavaScript.
 */
async function TemplatePicker({ code, action, choice }: { code: string; action: string; choice: TemplateChoice }) {
  const t = await getTranslations("staff.templates");
  const id = `tpl-${action}`;
  return (
    <form method="get" action={`/petugas/aduan/${code}#act-${action}`} className="flex flex-wrap items-end gap-2 border-t border-slate-200 px-4 pt-3">
      <input type="hidden" name="untuk" value={action} />
      <div className="flex min-w-0 grow flex-col gap-1">
        <label htmlFor={id} className="text-sm font-medium">
          {t("pickLabel")}
        </label>
        <select id={id} name="templat" defaultValue={choice.chosen ?? ""} className={inputClass}>
          <option value="">{t("pickNone")}</option>
          {choice.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-3 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50">
        {t("pick")}
      </button>
      {choice.text ? <p role="status" className="w-full text-sm text-slate-700">{t("picked")}</p> : null}
    </form>
  );
}
