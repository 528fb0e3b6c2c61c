import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { Flash, param, smallButton } from "@/components/integration/parts";
import { TemplateForm } from "@/components/staff/template-form";
import { listTemplates } from "@/db/queries/templates";
import { TEMPLATE_PURPOSES } from "@/db/schema-templates";
import { PLACEHOLDERS } from "@/domain/answer-template";
import { getDb } from "@/server/db";
import { reference } from "@/server/reference";
import { requireStaff } from "@/server/staff";
import { templateEditor } from "@/server/templates";

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
  const db = getDb();
  const ref = await reference(db);
  const rows = await listTemplates(db, editor.all ? undefined : editor.opdId);
  const editId = Number(param(sp.edit) ?? NaN);
  const editing = rows.find((r) => r.t.id === editId)?.t ?? null;
  const done = param(sp.done);
  const opdCode = (id: number | null) => ref.opds.find((o) => o.id === id)?.code ?? "";
  const categoryCode = (id: number | null) => ref.categories.find((c) => c.id === id)?.code ?? "";
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t(editor.all ? "leadAdmin" : "leadHead")}</p>
      </div>
      <Flash ok={done ? t(`done.${done === "created" ? "created" : "saved"}`) : null} />
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
        <ClientMessages sections={["staff", "errors"]}>
          <TemplateForm
            editing={editing ? { id: editing.id, purpose: editing.purpose, title: editing.title, opdCode: opdCode(editing.opdId), categoryCode: categoryCode(editing.categoryId), bodyId: editing.bodyId, bodyEn: editing.bodyEn ?? "", active: editing.active } : null}
            purposes={TEMPLATE_PURPOSES}
            opds={editor.all ? ref.opds.map((o) => ({ code: o.code, name: o.name })) : null}
            categories={ref.categories.map((c) => ({ code: c.code, name: c.name }))}
          />
        </ClientMessages>
      </section>
    </div>
  );
}
