import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CategoryFields } from "@/components/directory/category-fields";
import { decodeFormState } from "@/components/directory/form-state";
import { ActiveBadge, DirectoryHeader, fieldErrors, TextField, valueOf } from "@/components/directory/parts";
import { param, primarySmallButton } from "@/components/integration/parts";
import { getDb } from "@/server/db";
import { directoryAccess } from "@/server/directory/access";
import { listCategoryDirectory } from "@/server/directory/categories";
import { listInstitutionDirectory } from "@/server/directory/institutions";
import { listOpdDirectory } from "@/server/directory/opds";
import { saveCategoryAction } from "@/app/(staff)/petugas/direktori/actions";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Complaint categories with where they go; administrators add new ones here. */
export default async function CategoryListPage({ searchParams }: { searchParams: Search }) {
  const { editable } = await directoryAccess();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const db = getDb();
  const [rows, opds, externals] = await Promise.all([listCategoryDirectory(db), listOpdDirectory(db), listInstitutionDirectory(db)]);
  const state = decodeFormState(param(sp.state));
  const err = await fieldErrors(state, "new");
  return (
    <div className="space-y-6">
      <DirectoryHeader title={t("category.title")} current="category" editable={editable} error={state ? "invalid" : null} />
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
          <form action={saveCategoryAction} className="space-y-3">
            <input type="hidden" name="form" value="new" />
            <TextField idPrefix="new-" name="code" label={t("code")} hint={t("codeHint")} value={valueOf(state, "new", "code", "")} errors={err("code")} />
            <CategoryFields form="new" state={state} stored={null} opds={opds.filter((o) => o.active)} externals={externals.filter((e) => e.active)} />
            <button type="submit" className={primarySmallButton}>{t("category.create")}</button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
