import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { decodeFormState } from "@/components/directory/form-state";
import { ActiveBadge, DirectoryHeader, fieldErrors, TextField, valueOf } from "@/components/directory/parts";
import { param, primarySmallButton } from "@/components/integration/parts";
import { getDb } from "@/server/db";
import { directoryAccess } from "@/server/directory/access";
import { listInstitutionDirectory } from "@/server/directory/institutions";
import { saveInstitutionAction } from "@/app/(staff)/petugas/direktori/actions";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Institutions outside the city that complaints are forwarded to through LAPOR. */
export default async function InstitutionListPage({ searchParams }: { searchParams: Search }) {
  const { editable } = await directoryAccess();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const rows = await listInstitutionDirectory(getDb());
  const state = decodeFormState(param(sp.state));
  const err = await fieldErrors(state, "new");
  return (
    <div className="space-y-6">
      <DirectoryHeader title={t("institution.title")} current="institution" editable={editable} error={state ? "invalid" : null} />
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
          <form action={saveInstitutionAction} className="space-y-3">
            <input type="hidden" name="form" value="new" />
            <div className="grid gap-3 sm:grid-cols-2">
              <TextField idPrefix="new-" name="code" label={t("code")} hint={t("codeHint")} value={valueOf(state, "new", "code", "")} errors={err("code")} />
              <TextField idPrefix="new-" name="name" label={t("institution.name")} value={valueOf(state, "new", "name", "")} errors={err("name")} />
            </div>
            <TextField idPrefix="new-" name="handles" label={t("institution.handles")} value={valueOf(state, "new", "handles", "")} errors={err("handles")} optional={t("optional")} textarea />
            <button type="submit" className={primarySmallButton}>{t("institution.create")}</button>
          </form>
        </section>
      ) : null}
    </div>
  );
}
