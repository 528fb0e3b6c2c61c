import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DirectoryForm, TextField } from "@/components/directory/form";
import { ActiveBadge, ActiveToggle, DirectoryHeader, HistoryList } from "@/components/directory/parts";
import { param } from "@/components/integration/parts";
import { getDb } from "@/server/db";
import { directoryAccess, routeId } from "@/server/directory/access";
import { formerNames, listHistory } from "@/server/directory/history";
import { listInstitutionDirectory } from "@/server/directory/institutions";
import { institutionActiveAction, saveInstitutionAction } from "@/app/(staff)/petugas/direktori/actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One external institution: name, what it handles, deactivation, history. */
export default async function InstitutionPage({ params, searchParams }: Props) {
  const { editable } = await directoryAccess();
  const id = routeId((await params).id);
  if (!id) notFound();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const db = getDb();
  const [rows, history] = await Promise.all([listInstitutionDirectory(db), listHistory(db, "institution", id)]);
  const inst = rows.find((r) => r.id === id);
  if (!inst) notFound();
  const former = formerNames(history);
  const labels = { name: t("institution.name"), handles: t("institution.handles"), active: t("active") };
  return (
    <div className="space-y-6">
      <DirectoryHeader title={inst.name} current="institution" editable={editable} done={param(sp.done)} />
      <p className="text-sm text-slate-700">
        <Link href="/petugas/direktori/lembaga" className="text-brand-700 underline">{t("institution.back")}</Link> · <span className="font-mono">{inst.code}</span>
        {inst.laporId ? ` · ${t("opd.laporShort", { id: inst.laporId })}` : ""}
        <ActiveBadge active={inst.active} />
      </p>
      {former.length ? <p className="text-sm text-slate-700">{t("formerNames", { names: former.join(", ") })}</p> : null}
      {editable ? (
        <section aria-labelledby="inst-edit" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="inst-edit" className="text-lg font-semibold">{t("edit")}</h2>
          <DirectoryForm action={saveInstitutionAction} hidden={{ id: String(inst.id) }} prefix="edit-" submit={t("save")} className="space-y-3">
            <TextField name="name" label={labels.name} stored={inst.name} />
            <TextField name="handles" label={labels.handles} stored={inst.handles} optional={t("optional")} textarea />
          </DirectoryForm>
          <ActiveToggle section="institution" item={{ active: inst.active, name: inst.name }} action={institutionActiveAction} fields={{ id: String(inst.id) }} />
        </section>
      ) : (
        <p className="rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">{inst.handles ?? "—"}</p>
      )}
      <section aria-labelledby="inst-history" className="space-y-2">
        <h2 id="inst-history" className="text-lg font-semibold">{t("history.title")}</h2>
        <HistoryList entries={history} labels={labels} />
      </section>
    </div>
  );
}
