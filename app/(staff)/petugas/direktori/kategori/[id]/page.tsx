import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DirectoryForm } from "@/components/directory/form";
import { CategoryFields } from "@/components/directory/category-fields";
import { clockLabels, ActiveBadge, ActiveToggle, DetailList, DirectoryHeader, HistoryList } from "@/components/directory/parts";
import { param } from "@/components/integration/parts";
import { DEFAULT_SLA, type SlaClock } from "@/domain/sla";
import { getDb } from "@/server/db";
import { directoryAccess, routeId } from "@/server/directory/access";
import { listCategoryDirectory } from "@/server/directory/categories";
import { formerNames, listHistory } from "@/server/directory/history";
import { listInstitutionDirectory } from "@/server/directory/institutions";
import { listOpdDirectory } from "@/server/directory/opds";
import { categoryActiveAction, saveCategoryAction } from "@/app/(staff)/petugas/direktori/actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One category: names, description, default OPD or outside institution, keywords, deadlines, history. */
export default async function CategoryPage({ params, searchParams }: Props) {
  const { editable } = await directoryAccess();
  const id = routeId((await params).id);
  if (!id) notFound();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const tc = await getTranslations("sla.clocks");
  const db = getDb();
  const [rows, opds, externals, history] = await Promise.all([listCategoryDirectory(db), listOpdDirectory(db), listInstitutionDirectory(db), listHistory(db, "category", id)]);
  const cat = rows.find((c) => c.id === id);
  if (!cat) notFound();
  const former = formerNames(history);
  const clocks = Object.keys(DEFAULT_SLA) as SlaClock[];
  const labels: Record<string, string> = {
    name: t("category.name"),
    nameEn: t("category.nameEn"),
    description: t("category.description"),
    opdCode: t("category.opd"),
    externalCode: t("category.external"),
    keywords: t("category.keywords"),
    sla: t("category.deadlines"),
    active: t("active"),
  };
  return (
    <div className="space-y-6">
      <DirectoryHeader title={cat.name} current="category" editable={editable} done={param(sp.done)} />
      <p className="text-sm text-slate-700">
        <Link href="/petugas/direktori/kategori" className="text-brand-700 underline">{t("category.back")}</Link> · <span className="font-mono">{cat.code}</span>
        <ActiveBadge active={cat.active} />
      </p>
      {former.length ? <p className="text-sm text-slate-700">{t("formerNames", { names: former.join(", ") })}</p> : null}
      {editable ? (
        <section aria-labelledby="cat-edit" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="cat-edit" className="text-lg font-semibold">{t("edit")}</h2>
          <DirectoryForm action={saveCategoryAction} hidden={{ id: String(cat.id) }} prefix="edit-" submit={t("save")} className="space-y-3">
            <CategoryFields clockLabels={await clockLabels()} stored={cat} opds={opds.filter((o) => o.active || o.id === cat.opdId)} externals={externals.filter((e) => e.active || e.id === cat.externalId)} />
          </DirectoryForm>
          <ActiveToggle section="category" item={{ active: cat.active, name: cat.name }} action={categoryActiveAction} fields={{ id: String(cat.id) }} />
        </section>
      ) : (
        <DetailList
          rows={[
            [labels.nameEn, cat.nameEn],
            [labels.description, cat.description],
            [labels.opdCode, cat.opdName ?? (cat.externalName ? t("category.outside", { name: cat.externalName }) : t("category.coordinatorDecides"))],
            [labels.keywords, cat.keywords.join(", ")],
            [labels.sla, clocks.map((c) => `${tc(c)}: ${cat.sla?.[c] ?? DEFAULT_SLA[c]}`).join(" · ")],
          ]}
        />
      )}
      <section aria-labelledby="cat-history" className="space-y-2">
        <h2 id="cat-history" className="text-lg font-semibold">{t("history.title")}</h2>
        <HistoryList entries={history} labels={labels} />
      </section>
    </div>
  );
}
