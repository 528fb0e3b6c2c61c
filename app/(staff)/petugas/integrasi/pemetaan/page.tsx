import Link from "next/link";
import { ClientMessages } from "@/components/client-messages";
import { MappingForm } from "@/components/integration/mapping-form";
import { getTranslations } from "next-intl/server";
import { Flash, IntegrationNav, param, smallButton } from "@/components/integration/parts";
import { MAPPING_KINDS } from "@/domain/lapor-ops";
import { can } from "@/domain/permissions";
import { getDb } from "@/server/db";
import { listMappings, mappableItems } from "@/server/lapor-mappings";
import { reference } from "@/server/reference";
import { requireStaff } from "@/server/staff";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Pintu's categories, areas, OPDs and external institutions ↔ LAPOR's ids. Admins edit; coordinators read. */
export default async function MappingsPage({ searchParams }: { searchParams: Search }) {
  const staff = await requireStaff("integration.operate");
  const editable = can(staff.role, "integration.mappings.edit");
  const sp = await searchParams;
  const t = await getTranslations("staff.integration");
  const db = getDb();
  const [mappings, ref] = await Promise.all([listMappings(db), reference(db)]);
  const items = mappableItems(ref);
  const current = new Map(mappings.map((m) => [`${m.kind}:${m.localCode}`, m.laporId]));
  const done = param(sp.done);
  // One kind at a time: the areas alone are dozens of rows, each its own form.
  const shown = MAPPING_KINDS.find((k) => k === param(sp.jenis)) ?? "category";

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-bold text-brand-800">{t("mappings.title")}</h1>
        <p className="text-slate-700">{editable ? t("mappings.leadAdmin") : t("mappings.leadReadOnly")}</p>
        <IntegrationNav current="mappings" />
      </div>
      <Flash ok={done ? t("done.saved") : null} />
      <nav aria-label={t("mappings.kindsLabel")}>
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm font-medium">
          {MAPPING_KINDS.map((k) => (
            <li key={k}>
              <Link href={`/petugas/integrasi/pemetaan?jenis=${k}`} aria-current={k === shown ? "page" : undefined} className={k === shown ? "font-bold text-brand-800 underline" : "text-brand-700 underline-offset-4 hover:underline"}>
                {t(`mappings.kind.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {[shown].map((kind) => (
        <section key={kind} aria-labelledby={`kind-${kind}`} className="space-y-2">
          <h2 id={`kind-${kind}`} className="text-lg font-semibold">{t(`mappings.kind.${kind}`)}</h2>
          <ClientMessages sections={["staff"]}>
            <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
              {items[kind].map((item) => {
                const value = current.get(`${kind}:${item.code}`) ?? "";
                const inputId = `m-${kind}-${item.code}`;
                return (
                  <li key={item.code} id={inputId} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
                    <div className="min-w-0">
                      <p className="font-medium">{item.name}</p>
                      <p className="font-mono text-xs text-slate-600">{item.code}</p>
                    </div>
                    {editable ? (
                      <MappingForm kind={kind} code={item.code} name={item.name} value={value} buttonClass={smallButton} />
                    ) : (
                      <p className="font-mono">{value || <span className="font-sans text-slate-500">{t("mappings.unset")}</span>}</p>
                    )}
                  </li>
                );
              })}
            </ul>
          </ClientMessages>
        </section>
      ))}
    </div>
  );
}
