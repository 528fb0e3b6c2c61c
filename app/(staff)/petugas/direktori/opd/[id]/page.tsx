import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DirectoryForm } from "@/components/directory/form";
import { OpdFields } from "@/components/directory/opd-fields";
import { ActiveBadge, ActiveToggle, DetailList, DirectoryHeader, HistoryList } from "@/components/directory/parts";
import { param } from "@/components/integration/parts";
import { getDb } from "@/server/db";
import { directoryAccess, routeId } from "@/server/directory/access";
import { listAreaDirectory } from "@/server/directory/areas";
import { formerNames, listHistory } from "@/server/directory/history";
import { listOpdDirectory } from "@/server/directory/opds";
import { opdActiveAction, saveOpdAction } from "@/app/(staff)/petugas/direktori/actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One OPD: its details (editable by administrators), deactivation behind a confirmation, its history. */
export default async function OpdPage({ params, searchParams }: Props) {
  const { editable } = await directoryAccess();
  const id = routeId((await params).id);
  if (!id) notFound();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const db = getDb();
  const [rows, areas, history] = await Promise.all([listOpdDirectory(db), listAreaDirectory(db), listHistory(db, "opd", id)]);
  const opd = rows.find((o) => o.id === id);
  if (!opd) notFound();
  const parent = rows.find((o) => o.id === opd.parentId);
  const former = formerNames(history);
  const stored = { ...opd, parentCode: parent?.code ?? null, kecamatanId: opd.kecamatanId };
  const labels = { name: t("opd.name"), shortName: t("opd.shortName"), kind: t("opd.kind"), kecamatanId: t("opd.kecamatan"), parentCode: t("opd.parent"), email: t("opd.email"), laporId: t("opd.laporId"), active: t("active") };
  return (
    <div className="space-y-6">
      <DirectoryHeader title={opd.name} current="opd" editable={editable} done={param(sp.done)} />
      <p className="text-sm text-slate-700">
        <Link href="/petugas/direktori/opd" className="text-brand-700 underline">{t("opd.back")}</Link> · <span className="font-mono">{opd.code}</span>
        <ActiveBadge active={opd.active} />
      </p>
      {former.length ? <p className="text-sm text-slate-700">{t("formerNames", { names: former.join(", ") })}</p> : null}
      {editable ? (
        <section aria-labelledby="opd-edit" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="opd-edit" className="text-lg font-semibold">{t("edit")}</h2>
          <DirectoryForm action={saveOpdAction} hidden={{ id: String(opd.id) }} prefix="edit-" submit={t("save")} className="space-y-3">
            <OpdFields stored={stored} opds={rows.filter((o) => o.active && o.id !== opd.id)} kecamatan={areas.filter((k) => k.active || k.id === opd.kecamatanId)} />
          </DirectoryForm>
          <ActiveToggle section="opd" item={{ active: opd.active, name: opd.name }} action={opdActiveAction} fields={{ id: String(opd.id) }} />
        </section>
      ) : (
        <DetailList
          rows={[
            [labels.shortName, opd.shortName],
            [labels.kind, t(`opd.kinds.${opd.kind}`)],
            [labels.kecamatanId, opd.kecamatanName],
            [labels.parentCode, parent?.name],
            [labels.email, opd.email],
            [labels.laporId, opd.laporId],
          ]}
        />
      )}
      <section aria-labelledby="opd-history" className="space-y-2">
        <h2 id="opd-history" className="text-lg font-semibold">{t("history.title")}</h2>
        <HistoryList entries={history} labels={labels} />
      </section>
    </div>
  );
}
