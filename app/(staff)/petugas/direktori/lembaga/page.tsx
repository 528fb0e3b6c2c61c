import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DirectoryForm, TextField } from "@/components/directory/form";
import { ActiveBadge, DirectoryHeader } from "@/components/directory/parts";
import { getDb } from "@/server/db";
import { directoryAccess } from "@/server/directory/access";
import { listInstitutionDirectory } from "@/server/directory/institutions";
import { saveInstitutionAction } from "@/app/(staff)/petugas/direktori/actions";

/** Institutions outside the city that complaints are forwarded to through LAPOR. */
export default async function InstitutionListPage() {
  const { editable } = await directoryAccess();
  const t = await getTranslations("directory");
  const rows = await listInstitutionDirectory(getDb());
  return (
    <div className="space-y-6">
      <DirectoryHeader title={t("institution.title")} current="institution" editable={editable} />
      <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
        {rows.map((r) => (
          <li key={r.id} className="p-3">
            <Link href={`/petugas/direktori/lembaga/${r.id}`} className="font-medium text-brand-700 underline-offset-4 hover:underline">
              {r.name}
            </Link>
            <ActiveBadge active={r.active} />
            <p className="text-sm text-slate-600">
              <span className="font-mono">{r.code}</span>
              {r.handles ? ` · ${r.handles}` : ""}
            </p>
          </li>
        ))}
      </ul>
      {editable ? (
        <section aria-labelledby="inst-new" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="inst-new" className="text-lg font-semibold">{t("institution.newTitle")}</h2>
          <DirectoryForm action={saveInstitutionAction} prefix="new-" submit={t("institution.create")} className="space-y-3">
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField name="code" label={t("code")} hint={t("codeHint")} stored={""} />
              <TextField name="name" label={t("institution.name")} stored={""} />
            </div>
            <TextField name="handles" label={t("institution.handles")} stored={""} optional={t("optional")} textarea />
          </DirectoryForm>
        </section>
      ) : null}
    </div>
  );
}
