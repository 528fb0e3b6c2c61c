import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DirectoryForm, TextField } from "@/components/directory/form";
import { ActiveBadge, DirectoryHeader } from "@/components/directory/parts";
import { getDb } from "@/server/db";
import { directoryAccess } from "@/server/directory/access";
import { listAreaDirectory } from "@/server/directory/areas";
import { addAreaAction } from "@/app/(staff)/petugas/direktori/actions";

/** Kecamatan and their kelurahan, inactive and merged ones marked. */
export default async function AreaListPage() {
  const { editable } = await directoryAccess();
  const t = await getTranslations("directory");
  const tree = await listAreaDirectory(getDb());
  const link = "text-brand-700 underline-offset-4 hover:underline";
  return (
    <div className="space-y-6">
      <DirectoryHeader title={t("area.title")} current="area" editable={editable} />
      <ul className="grid gap-3 sm:grid-cols-2">
        {tree.map((k) => (
          <li key={k.id} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <h2 className="font-semibold">
              <Link href={`/petugas/direktori/wilayah/kecamatan/${k.id}`} className={link}>
                {t("area.kecamatanName", { name: k.name })}
              </Link>
              <ActiveBadge active={k.active} />
            </h2>
            <ul className="mt-1 flex flex-wrap gap-x-4 text-sm">
              {k.kelurahan.map((l) => (
                <li key={l.id} className={l.active ? "" : "text-slate-500"}>
                  <Link href={`/petugas/direktori/wilayah/kelurahan/${l.id}`} className={`${link} inline-block py-2`}>
                    {l.name}
                  </Link>
                  {l.active ? null : ` (${l.mergedIntoId ? t("area.merged") : t("inactive")})`}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {editable ? (
        <section aria-labelledby="kec-new" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="kec-new" className="text-lg font-semibold">{t("area.newKecamatan")}</h2>
          <DirectoryForm action={addAreaAction} prefix="new-" submit={t("area.create")} className="flex flex-wrap items-end gap-3">
            <div className="grow">
              <TextField name="name" label={t("area.name")} stored={""} />
            </div>
          </DirectoryForm>
        </section>
      ) : null}
    </div>
  );
}
