import { getTranslations } from "next-intl/server";
import { runStaffAction } from "@/app/(staff)/petugas/aduan/[code]/actions";
import { inputClass } from "@/components/ui/field";
import type { Action } from "@/domain/workflow";
import { translateError } from "@/i18n/translate-error";

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

type FieldSpec =
  | { name: string; kind: "textarea"; required?: boolean; defaultValue?: string }
  | { name: string; kind: "text"; required?: boolean; defaultValue?: string }
  | { name: string; kind: "select"; options: Option[]; required?: boolean; defaultValue?: string }
  | { name: string; kind: "grouped"; groups: { group: string; options: Option[] }[] }
  | { name: string; kind: "rating" }
  | { name: string; kind: "files" }
  | { name: string; kind: "date"; min?: string; max?: string }
  | { name: string; kind: "checkbox" };

/** Files for the reporter (and, when ticked, the public): the final answer and a request for information. */
const FILE_FIELDS: FieldSpec[] = [
  { name: "attachments", kind: "files" },
  { name: "attachmentsPublic", kind: "checkbox" },
];

/** The fields each staff action asks for, in order. */
function fieldsFor(action: Action, o: ActionFormOptions, archiveReasons: Option[]): FieldSpec[] {
  switch (action) {
    case "dispose":
      return [{ name: "opdCode", kind: "select", options: o.opds, required: true, defaultValue: o.defaults.opdCode }, { name: "note", kind: "textarea" }];
    case "redispose":
      return [{ name: "opdCode", kind: "select", options: o.opds, required: true }, { name: "reason", kind: "textarea", required: true }];
    case "archive":
      return [{ name: "reason", kind: "select", options: archiveReasons, required: true }, { name: "note", kind: "textarea" }];
    case "forward":
      return [{ name: "externalCode", kind: "select", options: o.externals, required: true, defaultValue: o.defaults.externalCode }, { name: "note", kind: "textarea" }];
    case "merge":
      return [{ name: "primaryCode", kind: "text", required: true }];
    case "correct":
      return [
        { name: "title", kind: "text", defaultValue: o.defaults.title },
        { name: "categoryCode", kind: "select", options: o.categories },
        { name: "kelurahan", kind: "grouped", groups: o.kelurahan },
      ];
    case "contact_reporter":
      return [{ name: "message", kind: "textarea", required: true }];
    case "request_info":
    case "respond":
      return [{ name: "message", kind: "textarea", required: true, defaultValue: o.templates?.[action]?.text ?? undefined }, ...(o.files ? FILE_FIELDS : [])];
    case "progress_update":
      return [
        { name: "message", kind: "textarea", required: true },
        { name: "expectedDate", kind: "date", min: o.expected?.min, max: o.expected?.max ?? undefined },
        ...(o.files ? FILE_FIELDS : []),
      ];
    case "assign":
      return [{ name: "userId", kind: "select", options: o.officers, required: true }];
    case "note":
      return [{ name: "text", kind: "textarea", required: true }];
    case "return":
      return [
        { name: "reason", kind: "textarea", required: true },
        { name: "suggestedOpdCode", kind: "select", options: o.opds },
        { name: "suggestedExternalCode", kind: "select", options: o.externals },
      ];
    case "reporter_reply":
    case "object":
      return [{ name: action === "object" ? "reason" : "message", kind: "textarea", required: true }];
    case "rate":
      return [{ name: "rating", kind: "rating" }, { name: "comment", kind: "textarea" }];
    default:
      return [];
  }
}

/**
 * One collapsible form per action the workflow table allows this person, so the page works
 * without JavaScript. The form whose last submission failed opens with its error.
 */
export async function ActionForms({
  code,
  actions,
  options,
  error,
  submitAction = runStaffAction,
  hidden = {},
  labels = "staff.actions",
}: {
  code: string;
  actions: Action[];
  options: ActionFormOptions;
  error?: { action: string; key: string };
  submitAction?: (formData: FormData) => Promise<void>;
  hidden?: Record<string, string>;
  labels?: string;
}) {
  const t = await getTranslations("staff");
  const ta = await getTranslations(labels as "staff.actions");
  const te = await getTranslations("errors");
  const tf = await getTranslations("flow");
  const archiveReasons = (["spam", "incomplete", "out_of_scope"] as const).map((r) => ({ value: r, label: t(`archiveReasons.${r}`) }));
  return (
    <div className="space-y-2">
      {actions.map((action) => {
        const fields = fieldsFor(action, options, archiveReasons);
        const tpl = action === "respond" || action === "request_info" ? options.templates?.[action] : undefined;
        const failed = error?.action === action;
        const errorId = `err-${action}`;
        return (
          <details key={action} id={`act-${action}`} open={failed || !!tpl?.text} className="rounded-md bg-white ring-1 ring-slate-300 open:ring-brand-600">
            <summary className="cursor-pointer select-none px-4 py-3 font-semibold text-brand-800">{ta(action)}</summary>
            {tpl && tpl.options.length > 0 ? <TemplatePicker code={code} action={action} choice={tpl} /> : null}
            <form action={submitAction} className="space-y-3 border-t border-slate-200 p-4">
              {tpl?.templateId ? <input type="hidden" name="templateId" value={String(tpl.templateId)} /> : null}
              <input type="hidden" name="code" value={code} />
              <input type="hidden" name="action" value={action} />
              {Object.entries(hidden).map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
              {failed ? (
                <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
                  {translateError(te, error.key)}
                </p>
              ) : null}
              {fields.map((f) => (
                <FieldControl key={f.name} spec={f} id={`${action}-${f.name}`} label={t(`fields.${f.name}` as "fields.note")} choose={t("fields.choose")} describedBy={failed ? errorId : undefined} />
              ))}
              {options.next ? <input type="hidden" name="lanjutPilihan" value="1" /> : null}
              {options.next ? (
                <label className="flex min-h-11 items-center gap-2 text-sm">
                  <input type="checkbox" name="lanjut" value="1" defaultChecked={options.next.checked} className="size-5" />
                  {tf("next.auto")}
                </label>
              ) : null}
              <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
                {ta(action)}
              </button>
            </form>
          </details>
        );
      })}
    </div>
  );
}

function FieldControl({ spec, id, label, choose, describedBy }: { spec: FieldSpec; id: string; label: string; choose: string; describedBy?: string }) {
  const common = { id, name: spec.name, "aria-describedby": describedBy, className: inputClass };
  if (spec.kind === "checkbox") {
    return (
      <label htmlFor={id} className="flex min-h-11 items-center gap-2 text-sm">
        <input id={id} name={spec.name} type="checkbox" value="1" className="size-5" aria-describedby={describedBy} />
        {label}
      </label>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={spec.kind === "rating" ? undefined : id} id={`${id}-label`} className="text-sm font-medium">
        {label}
      </label>
      {spec.kind === "textarea" ? <textarea {...common} rows={spec.defaultValue ? 8 : 4} required={spec.required} defaultValue={spec.defaultValue} /> : null}
      {spec.kind === "text" ? <input {...common} required={spec.required} defaultValue={spec.defaultValue} /> : null}
      {spec.kind === "date" ? <input {...common} type="date" min={spec.min} max={spec.max} /> : null}
      {spec.kind === "files" ? (
        <input id={id} name={spec.name} type="file" multiple accept="image/jpeg,image/png,application/pdf" aria-describedby={describedBy} className="block w-full text-sm file:mr-3 file:min-h-11 file:rounded-md file:border-0 file:bg-brand-100 file:px-4 file:py-2 file:font-semibold file:text-brand-800" />
      ) : null}
      {spec.kind === "rating" ? <RatingStars id={id} name={spec.name} describedBy={describedBy} /> : null}
      {spec.kind === "select" ? (
        <select {...common} required={spec.required} defaultValue={spec.defaultValue ?? ""}>
          <option value="">{choose}</option>
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : null}
      {spec.kind === "grouped" ? (
        <select {...common} defaultValue="">
          <option value="">{choose}</option>
          {spec.groups.map((g) => (
            <optgroup key={g.group} label={g.group}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      ) : null}
    </div>
  );
}

/**
 * Five large tappable stars, plain radio buttons (no JavaScript): shown 1 to 5 left to right, the
 * chosen star and those before it filled (DOM order 5…1 so `peer-checked ~` reaches the smaller ones).
 */
function RatingStars({ id, name, describedBy }: { id: string; name: string; describedBy?: string }) {
  // Flat siblings: a checked star fills every label after it in the DOM (the smaller ones).
  return (
    <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={describedBy} className="flex flex-row-reverse justify-end gap-1">
      {[5, 4, 3, 2, 1].flatMap((n) => [
        <input key={`i${n}`} type="radio" id={`${id}-${n}`} name={name} value={n} required className="peer sr-only" />,
        <label
          key={`l${n}`}
          htmlFor={`${id}-${n}`}
          className="flex size-12 cursor-pointer flex-col items-center justify-center rounded-md bg-white text-3xl leading-none text-slate-300 ring-1 ring-slate-300 peer-checked:text-amber-500 [input:focus-visible+&]:ring-2 [input:focus-visible+&]:ring-brand-700"
        >
          <span aria-hidden="true">★</span>
          <span className="text-xs text-slate-700">{n}</span>
        </label>,
      ])}
    </div>
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
