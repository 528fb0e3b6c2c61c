import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DirectoryForm } from "@/components/directory/form";
import { ActiveBadge, ActiveToggle, DirectoryHeader, HistoryList } from "@/components/directory/parts";
import { RuleFields } from "@/components/directory/rule-fields";
import { param } from "@/components/integration/parts";
import { getDb } from "@/server/db";
import { directoryAccess, routeId } from "@/server/directory/access";
import { listHistory } from "@/server/directory/history";
import { ruleOptions } from "@/server/directory/rule-options";
import { listRoutingRules } from "@/server/directory/rules";
import { ruleActiveAction, saveRuleAction } from "@/app/(staff)/petugas/direktori/actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One area routing rule: change it, switch it off (behind a confirmation), its history. */
export default async function RulePage({ params, searchParams }: Props) {
  const { editable } = await directoryAccess();
  const id = routeId((await params).id);
  if (!id) notFound();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const db = getDb();
  const [rules, history, options] = await Promise.all([
    listRoutingRules(db),
    listHistory(db, "routing_rule", id),
    ruleOptions(db, { kecamatanWhole: (name) => t("rules.kecamatanWhole", { name }), opds: t("rules.opds"), institutions: t("rules.institutions") }),
  ]);
  const rule = rules.find((r) => r.id === id);
  if (!rule) notFound();
  const where = rule.kelurahanName ? `${rule.kelurahanName}, ${rule.kecamatanName}` : t("rules.kecamatanWhole", { name: rule.kecamatanName ?? "" });
  const title = `${where}: ${rule.categoryName ?? t("rules.anyCategory")} → ${rule.opdName ?? rule.externalName}`;
  const stored = {
    categoryCode: rule.categoryCode ?? "",
    area: rule.kelurahanId ? `kel:${rule.kelurahanId}` : `kec:${rule.kecamatanId}`,
    target: rule.opdCode ? `opd:${rule.opdCode}` : `ext:${rule.externalCode}`,
    note: rule.note ?? "",
  };
  const labels = { categoryCode: t("rules.category"), kecamatanId: t("opd.kecamatan"), kelurahanId: t("rules.area"), opdCode: t("rules.target"), externalCode: t("rules.target"), note: t("rules.note"), active: t("active") };
  return (
    <div className="space-y-6">
      <DirectoryHeader title={title} current="rules" editable={editable} done={param(sp.done)} />
      <p className="text-sm text-slate-700">
        <Link href="/petugas/direktori/rute" className="text-brand-700 underline">{t("rules.back")}</Link> · {t("rules.number", { id: rule.id })}
        <ActiveBadge active={rule.active} />
      </p>
      {editable ? (
        <section aria-labelledby="rule-edit" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="rule-edit" className="text-lg font-semibold">{t("edit")}</h2>
          <DirectoryForm action={saveRuleAction} hidden={{ id: String(rule.id) }} prefix="edit-" submit={t("save")} className="space-y-3">
            <RuleFields stored={stored} options={options} />
          </DirectoryForm>
          <ActiveToggle section="rules" item={{ active: rule.active }} action={ruleActiveAction} fields={{ id: String(rule.id) }} />
        </section>
      ) : rule.note ? (
        <p className="rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">{rule.note}</p>
      ) : null}
      <section aria-labelledby="rule-history" className="space-y-2">
        <h2 id="rule-history" className="text-lg font-semibold">{t("history.title")}</h2>
        <HistoryList entries={history} labels={labels} />
      </section>
    </div>
  );
}
