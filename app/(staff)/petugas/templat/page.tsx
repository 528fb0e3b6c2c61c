import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Flash, param, primarySmallButton, smallButton } from "@/components/integration/parts";
import { inputClass } from "@/components/ui/field";
import { listTemplates } from "@/db/queries/templates";
import { TEMPLATE_PURPOSES } from "@/db/schema-templates";
import { PLACEHOLDERS } from "@/domain/answer-template";
import { translateError } from "@/i18n/translate-error";
import { getDb } from "@/server/db";
import { reference } from "@/server/reference";
import { requireStaff } from "@/server/staff";
import { templateEditor } from "@/server/templates";
import { saveTemplateAction } from "./actions";

export const metadata = { title: "Templat jawaban" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * `/petugas/templat`: answer templates per OPD and category, in Indonesian and English, with
 * placeholders; how often each was used. Administrators edit all (or the city's shared ones),
 * an OPD head their own OPD's. `?edit=<id>` opens one in the form (no JavaScript needed).
 */
export default async function TemplatesPage({ searchParams }: Props) {
  const staff = await requireStaff();
  const editor = templateEditor(staff);
  if (!editor) notFound();
  const sp = await searchParams;
  const t = await getTranslations("staff.templates");
  const te = await getTranslations("errors");
  const db = getDb();
  const ref = await reference(db);
  const rows = await listTemplates(db, editor.all ? undefined : editor.opdId);
  const editId = Number(param(sp.edit) ?? NaN);
  const editing = rows.find((r) => r.t.id === editId)?.t ?? null;
  const error = param(sp.error);
  const field = param(sp.field);
  const done = param(sp.done);
  const opdCode = (id: number | null) => ref.opds.find((o) => o.id === id)?.code ?? "";
  const categoryCode = (id: number | null) => ref.categories.find((c) => c.id === id)?.code ?? "";
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t(editor.all ? "leadAdmin" : "leadHead")}</p>
      </div>
      <Flash ok={done ? t(`done.${done === "created" ? "created" : "saved"}`) : null} error={error ? `${field && field !== "_form" ? `${t(`field.${field}` as "field.title")}: ` : ""}${translateError(te, error)}` : null} />
      <section aria-labelledby="tpl-list-h" className="space-y-2">
        <h2 id="tpl-list-h" className="text-lg font-semibold">{t("list")}</h2>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
            {rows.map(({ t: r, opdName, categoryName }) => (
              <li key={r.id} id={`tpl-${r.id}`} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div className="min-w-0">
                  <p className="font-semibold">
                    {r.title} {r.active ? null : <span className="ml-1 rounded bg-slate-200 px-2 py-0.5 text-xs">{t("inactive")}</span>}
                  </p>
                  <p className="text-slate-600">
                    {t(`purpose.${r.purpose}`)} · {opdName ?? t("allOpds")} · {categoryName ?? t("allCategories")} · {t("uses", { n: r.uses })}
                  </p>
                </div>
                <a href={`/petugas/templat?edit=${r.id}#editor-h`} className={smallButton}>
                  {t("edit")}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="editor-h" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="editor-h" className="text-lg font-semibold">{editing ? t("editTitle", { title: editing.title }) : t("newTitle")}</h2>
        <p className="text-sm text-slate-700">
          {t("placeholders")}{" "}
          {PLACEHOLDERS.map((p) => (
            <code key={p} className="mr-2 rounded bg-slate-100 px-1">{`{${p}}`}</code>
          ))}
        </p>
        <form action={saveTemplateAction} className="grid gap-3 sm:grid-cols-2">
          {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
          <label className="block text-sm font-medium">
            {t("field.purpose")}
            <select name="purpose" defaultValue={editing?.purpose ?? "respond"} className={inputClass}>
              {TEMPLATE_PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`purpose.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium">
            {t("field.title")}
            <input name="title" required minLength={3} maxLength={120} defaultValue={editing?.title ?? ""} className={inputClass} />
          </label>
          {editor.all ? (
            <label className="block text-sm font-medium">
              {t("field.opdCode")}
              <select name="opdCode" defaultValue={opdCode(editing?.opdId ?? null)} className={inputClass}>
                <option value="">{t("allOpds")}</option>
                {ref.opds.map((o) => (
                  <option key={o.id} value={o.code}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="block text-sm font-medium">
            {t("field.categoryCode")}
            <select name="categoryCode" defaultValue={categoryCode(editing?.categoryId ?? null)} className={inputClass}>
              <option value="">{t("allCategories")}</option>
              {ref.categories.map((c) => (
                <option key={c.id} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium sm:col-span-2">
            {t("field.bodyId")}
            <textarea name="bodyId" required minLength={10} maxLength={4000} rows={6} defaultValue={editing?.bodyId ?? ""} className={inputClass} />
          </label>
          <label className="block text-sm font-medium sm:col-span-2">
            {t("field.bodyEn")}
            <textarea name="bodyEn" maxLength={4000} rows={4} defaultValue={editing?.bodyEn ?? ""} className={inputClass} />
          </label>
          <label className="flex min-h-11 items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" name="active" value="1" defaultChecked={editing ? editing.active : true} className="size-5" />
            {t("field.active")}
          </label>
          <div className="flex flex-wrap gap-3 sm:col-span-2">
            <button type="submit" className={primarySmallButton}>
              {editing ? t("save") : t("create")}
            </button>
            {editing ? (
              <a href="/petugas/templat" className={smallButton}>
                {t("cancel")}
              </a>
            ) : null}
          </div>
        </form>
      </section>
    </div>
  );
}
