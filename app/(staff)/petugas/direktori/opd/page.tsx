import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DirectoryForm, TextField } from "@/components/directory/form";
import { OpdFields } from "@/components/directory/opd-fields";
import { ActiveBadge, DirectoryHeader } from "@/components/directory/parts";
import { getDb } from "@/server/db";
import { directoryAccess } from "@/server/directory/access";
import { listAreaDirectory } from "@/server/directory/areas";
import { listOpdDirectory } from "@/server/directory/opds";
import { saveOpdAction } from "@/app/(staff)/petugas/direktori/actions";

/** Every OPD and kecamatan office; administrators add new ones here. */
export default async function OpdListPage() {
  const { editable } = await directoryAccess();
  const t = await getTranslations("directory");
  const db = getDb();
  const [rows, areas] = await Promise.all([listOpdDirectory(db), listAreaDirectory(db)]);
  const parentName = new Map(rows.map((r) => [r.id, r.name]));
  return (
    <div className="space-y-6">
      <DirectoryHeader title={t("opd.title")} current="opd" editable={editable} />
      <section aria-labelledby="opd-list" className="space-y-2">
        <h2 id="opd-list" className="text-lg font-semibold">{t("opd.listTitle", { count: rows.length })}</h2>
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {rows.map((o) => (
            <li key={o.id} className="flex flex-col gap-1 p-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <Link href={`/petugas/direktori/opd/${o.id}`} className="font-medium text-brand-700 underline-offset-4 hover:underline">
                  {o.name}
                </Link>
                <ActiveBadge active={o.active} />
                <p className="text-sm text-slate-600">
                  <span className="font-mono">{o.code}</span>
                  {o.shortName ? ` · ${o.shortName}` : ""} · {t(`opd.kinds.${o.kind}`)}
                  {o.parentId ? ` · ${t("opd.under", { name: parentName.get(o.parentId) ?? "?" })}` : ""}
                </p>
              </div>
              <p className="text-sm text-slate-600">{o.laporId ? t("opd.laporShort", { id: o.laporId }) : t("opd.noLapor")}</p>
            </li>
          ))}
        </ul>
      </section>
      {editable ? (
        <section aria-labelledby="opd-new" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="opd-new" className="text-lg font-semibold">{t("opd.newTitle")}</h2>
          <DirectoryForm action={saveOpdAction} prefix="new-" submit={t("opd.create")} className="space-y-3">
            <TextField name="code" label={t("code")} hint={t("codeHint")} stored={""} />
            <OpdFields stored={null} opds={rows.filter((o) => o.active)} kecamatan={areas.filter((k) => k.active)} />
          </DirectoryForm>
        </section>
      ) : null}
    </div>
  );
}
