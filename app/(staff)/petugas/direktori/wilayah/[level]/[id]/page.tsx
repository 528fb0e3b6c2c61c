import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DirectoryForm, SelectField, TextField } from "@/components/directory/form";
import { ActiveBadge, ActiveToggle, DirectoryHeader, HistoryList } from "@/components/directory/parts";
import { param } from "@/components/integration/parts";
import { getDb } from "@/server/db";
import { directoryAccess, routeId } from "@/server/directory/access";
import { listAreaDirectory } from "@/server/directory/areas";
import { formerNames, listHistory } from "@/server/directory/history";
import { listRoutingRules } from "@/server/directory/rules";
import { addAreaAction, areaActiveAction, mergeAreaAction, renameAreaAction } from "@/app/(staff)/petugas/direktori/actions";

type Props = { params: Promise<{ level: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One kecamatan or kelurahan: rename, merge, deactivate, its routing rules and history. */
export default async function AreaPage({ params, searchParams }: Props) {
  const { editable } = await directoryAccess();
  const p = await params;
  const level = p.level === "kecamatan" || p.level === "kelurahan" ? p.level : null;
  const id = routeId(p.id);
  if (!level || !id) notFound();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const db = getDb();
  const [tree, history, rules] = await Promise.all([listAreaDirectory(db), listHistory(db, level, id), listRoutingRules(db)]);
  const kec = level === "kecamatan" ? tree.find((k) => k.id === id) : tree.find((k) => k.kelurahan.some((l) => l.id === id));
  const area = level === "kecamatan" ? kec : kec?.kelurahan.find((l) => l.id === id);
  if (!kec || !area) notFound();
  const title = level === "kecamatan" ? t("area.kecamatanName", { name: area.name }) : t("area.kelurahanName", { name: area.name, kecamatan: kec.name });
  const merged = area.mergedIntoId ? (level === "kecamatan" ? tree.find((k) => k.id === area.mergedIntoId)?.name : tree.flatMap((k) => k.kelurahan).find((l) => l.id === area.mergedIntoId)?.name) : null;
  const targets: [string, string][] =
    level === "kecamatan"
      ? tree.filter((k) => k.active && k.id !== id).map((k) => [String(k.id), k.name])
      : tree.flatMap((k) => k.kelurahan.filter((l) => l.active && l.id !== id).map((l): [string, string] => [String(l.id), `${l.name} (${k.name})`]));
  const here = rules.filter((r) => (level === "kelurahan" ? r.kelurahanId === id : r.kecamatanId === id && r.kelurahanId === null));
  const areaParam = `${level === "kecamatan" ? "kec" : "kel"}:${id}`;
  const fields = { level, id: String(id) };
  return (
    <div className="space-y-6">
      <DirectoryHeader title={title} current="area" editable={editable} done={param(sp.done)} />
      <p className="text-sm text-slate-700">
        <Link href="/petugas/direktori/wilayah" className="text-brand-700 underline">{t("area.back")}</Link>
        {level === "kelurahan" ? (
          <>
            {" · "}
            <Link href={`/petugas/direktori/wilayah/kecamatan/${kec.id}`} className="text-brand-700 underline">{t("area.kecamatanName", { name: kec.name })}</Link>
          </>
        ) : null}
        <ActiveBadge active={area.active} />
      </p>
      {merged ? <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t("area.mergedInto", { name: merged })}</p> : null}
      {formerNames(history).length ? <p className="text-sm text-slate-700">{t("formerNames", { names: formerNames(history).join(", ") })}</p> : null}

      <section aria-labelledby="area-rules" className="space-y-2">
        <h2 id="area-rules" className="text-lg font-semibold">{t("area.rulesTitle")}</h2>
        {here.length ? (
          <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
            {here.map((r) => (
              <li key={r.id} className="p-3">
                <Link href={`/petugas/direktori/rute/${r.id}`} className="text-brand-700 underline">
                  {r.categoryName ?? t("rules.anyCategory")} → {r.opdName ?? r.externalName}
                </Link>
                <ActiveBadge active={r.active} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("area.noRules")}</p>
        )}
        {editable && area.active ? (
          <Link href={`/petugas/direktori/rute?wilayah=${areaParam}#rule-new`} className="inline-block text-sm font-medium text-brand-700 underline">
            {t("area.addRule")}
          </Link>
        ) : null}
      </section>

      {level === "kecamatan" ? (
        <section aria-labelledby="area-kel" className="space-y-2">
          <h2 id="area-kel" className="text-lg font-semibold">{t("area.kelurahanTitle")}</h2>
          <ul className="flex flex-wrap gap-x-4 text-sm">
            {kec.kelurahan.map((l) => (
              <li key={l.id}>
                <Link href={`/petugas/direktori/wilayah/kelurahan/${l.id}`} className="inline-block py-2 text-brand-700 underline">{l.name}</Link>
                {l.active ? null : ` (${t("inactive")})`}
              </li>
            ))}
          </ul>
          {editable && area.active ? (
            <DirectoryForm action={addAreaAction} hidden={{ kecamatanId: String(id) }} prefix="new-" submit={t("area.createKelurahan")} className="flex flex-wrap items-end gap-3">
              <div className="grow">
                <TextField name="name" label={t("area.newKelurahan")} stored={""} />
              </div>
            </DirectoryForm>
          ) : null}
        </section>
      ) : null}

      {editable ? (
        <section aria-labelledby="area-edit" className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="area-edit" className="text-lg font-semibold">{t("edit")}</h2>
          <DirectoryForm action={renameAreaAction} hidden={{ level: String(level), id: String(id) }} prefix="rename-" submit={t("area.rename")} className="flex flex-wrap items-end gap-3">
            <div className="grow">
              <TextField name="name" label={t("area.name")} hint={t("area.renameHint")} stored={area.name} />
            </div>
          </DirectoryForm>
          {area.active ? (
            <>
              <DirectoryForm action={mergeAreaAction} hidden={{ level, id: String(id) }} prefix="merge-" summary={t("area.merge")} submit={t("area.mergeConfirm")} className="space-y-2">
                <SelectField name="into" label={t("area.mergeInto")} options={[["", t("choose")], ...targets]} />
                <p>{t(level === "kecamatan" ? "area.mergeExplainKecamatan" : "area.mergeExplain", { name: area.name })}</p>
              </DirectoryForm>
            </>
          ) : null}
          <ActiveToggle section="area" item={{ active: area.active, name: area.name }} action={areaActiveAction} fields={fields} />
        </section>
      ) : null}

      <section aria-labelledby="area-history" className="space-y-2">
        <h2 id="area-history" className="text-lg font-semibold">{t("history.title")}</h2>
        <HistoryList entries={history} labels={{ name: t("area.name"), active: t("active"), kecamatanId: t("opd.kecamatan"), mergedIntoId: t("area.mergeInto"), mergedIntoName: t("area.mergeInto") }} />
      </section>
    </div>
  );
}
