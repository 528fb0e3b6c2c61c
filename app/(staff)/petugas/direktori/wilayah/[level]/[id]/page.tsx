import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { decodeFormState } from "@/components/directory/form-state";
import { ActiveBadge, ActiveToggle, DirectoryHeader, fieldErrors, HistoryList, SelectField, TextField, valueOf } from "@/components/directory/parts";
import { param, primarySmallButton } from "@/components/integration/parts";
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
  const state = decodeFormState(param(sp.state));
  const [errRename, errMerge, errNew] = await Promise.all([fieldErrors(state, "rename"), fieldErrors(state, "merge"), fieldErrors(state, "new")]);
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
      <DirectoryHeader title={title} current="area" editable={editable} done={param(sp.done)} error={state ? "invalid" : null} />
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
            <form action={addAreaAction} className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="form" value="new" />
              <input type="hidden" name="kecamatanId" value={id} />
              <div className="grow">
                <TextField idPrefix="new-" name="name" label={t("area.newKelurahan")} value={valueOf(state, "new", "name", "")} errors={errNew("name")} />
              </div>
              <button type="submit" className={primarySmallButton}>{t("area.createKelurahan")}</button>
            </form>
          ) : null}
        </section>
      ) : null}

      {editable ? (
        <section aria-labelledby="area-edit" className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="area-edit" className="text-lg font-semibold">{t("edit")}</h2>
          <form action={renameAreaAction} className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="form" value="rename" />
            <input type="hidden" name="level" value={level} />
            <input type="hidden" name="id" value={id} />
            <div className="grow">
              <TextField idPrefix="rename-" name="name" label={t("area.name")} hint={t("area.renameHint")} value={valueOf(state, "rename", "name", area.name)} errors={errRename("name")} />
            </div>
            <button type="submit" className={primarySmallButton}>{t("area.rename")}</button>
          </form>
          {area.active ? (
            <>
              <details className="group" open={Boolean(errMerge("into"))}>
                <summary className="inline-flex min-h-11 cursor-pointer list-none items-center rounded-md border border-red-300 px-3 py-1 text-sm font-semibold text-red-800 hover:bg-red-50">{t("area.merge")}</summary>
                <form action={mergeAreaAction} className="mt-2 space-y-2 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
                  <input type="hidden" name="form" value="merge" />
                  <input type="hidden" name="level" value={level} />
                  <input type="hidden" name="id" value={id} />
                  <SelectField idPrefix="merge-" name="into" label={t("area.mergeInto")} value={valueOf(state, "merge", "into", "")} options={[["", t("choose")], ...targets]} errors={errMerge("into")} />
                  <p>{t(level === "kecamatan" ? "area.mergeExplainKecamatan" : "area.mergeExplain", { name: area.name })}</p>
                  <button type="submit" className="min-h-11 rounded-md bg-red-700 px-4 py-1 font-semibold text-white hover:bg-red-800">{t("area.mergeConfirm")}</button>
                </form>
              </details>
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
