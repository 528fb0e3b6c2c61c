import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { decodeFormState } from "@/components/directory/form-state";
import { ActiveBadge, DirectoryHeader, fieldErrors, TextField, valueOf } from "@/components/directory/parts";
import { param, primarySmallButton } from "@/components/integration/parts";
import { getDb } from "@/server/db";
import { directoryAccess } from "@/server/directory/access";
import { listAreaDirectory } from "@/server/directory/areas";
import { addAreaAction } from "@/app/(staff)/petugas/direktori/actions";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Kecamatan and their kelurahan, inactive and merged ones marked. */
export default async function AreaListPage({ searchParams }: { searchParams: Search }) {
  const { editable } = await directoryAccess();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const tree = await listAreaDirectory(getDb());
  const state = decodeFormState(param(sp.state));
  const err = await fieldErrors(state, "new");
  const link = "text-brand-700 underline-offset-4 hover:underline";
  return (
    <div className="space-y-6">
      <DirectoryHeader title={t("area.title")} current="area" editable={editable} error={state ? "invalid" : null} />
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
          <form action={addAreaAction} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="form" value="new" />
            <div className="grow">
              <TextField idPrefix="new-" name="name" label={t("area.name")} value={valueOf(state, "new", "name", "")} errors={err("name")} />
            </div>
            <button type="submit" className={primarySmallButton}>{t("area.create")}</button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
