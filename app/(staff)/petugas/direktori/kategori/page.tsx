import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DirectoryForm, TextField } from "@/components/directory/form";
import { CategoryFields } from "@/components/directory/category-fields";
import { clockLabels, ActiveBadge, DirectoryHeader } from "@/components/directory/parts";
import { getDb } from "@/server/db";
import { directoryAccess } from "@/server/directory/access";
import { listCategoryDirectory } from "@/server/directory/categories";
import { listInstitutionDirectory } from "@/server/directory/institutions";
import { listOpdDirectory } from "@/server/directory/opds";
import { saveCategoryAction } from "@/app/(staff)/petugas/direktori/actions";

/** Complaint categories with where they go; administrators add new ones here. */
export default async function CategoryListPage() {
  const { editable } = await directoryAccess();
  const t = await getTranslations("directory");
  const db = getDb();
  const [rows, opds, externals] = await Promise.all([listCategoryDirectory(db), listOpdDirectory(db), listInstitutionDirectory(db)]);
  return (
    <div className="space-y-6">
      <DirectoryHeader title={t("category.title")} current="category" editable={editable} />
      <section aria-labelledby="cat-list" className="space-y-2">
        <h2 id="cat-list" className="text-lg font-semibold">{t("category.listTitle", { count: rows.length })}</h2>
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {rows.map((c) => (
            <li key={c.id} className="p-3">
              <Link href={`/petugas/direktori/kategori/${c.id}`} className="font-medium text-brand-700 underline-offset-4 hover:underline">
                {c.name}
              </Link>
              <ActiveBadge active={c.active} />
              <p className="text-sm text-slate-600">
                <span className="font-mono">{c.code}</span> · {c.opdName ?? (c.externalName ? t("category.outside", { name: c.externalName }) : t("category.coordinatorDecides"))}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {editable ? (
        <section aria-labelledby="cat-new" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="cat-new" className="text-lg font-semibold">{t("category.newTitle")}</h2>
          <DirectoryForm action={saveCategoryAction} prefix="new-" submit={t("category.create")} className="space-y-3">
            <TextField name="code" label={t("code")} hint={t("codeHint")} stored={""} />
            <CategoryFields clockLabels={await clockLabels()} stored={null} opds={opds.filter((o) => o.active)} externals={externals.filter((e) => e.active)} />
          </DirectoryForm>
        </section>
      ) : null}
    </div>
  );
}
