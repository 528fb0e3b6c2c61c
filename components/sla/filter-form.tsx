import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CHANNELS } from "@/domain/complaint-status";
import { filterQuery, type BoardFilter, type FilterProblem } from "@/domain/sla-stats";

type Option = { value: string; label: string };

const control = "mt-1 block w-full min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2";

/** The board's filters as a plain GET form: works without JavaScript, and the URL is shareable. */
export async function FilterForm(props: {
  action: string;
  filter: BoardFilter;
  problems: FilterProblem[];
  opds: Option[] | null;
  categories: Option[];
  kecamatan: Option[];
  csvHref: string;
}) {
  const t = await getTranslations("sla.filters");
  const tp = await getTranslations("sla.problems");
  const tc = await getTranslations("channel");
  const f = props.filter;
  const select = (name: string, label: string, value: string | undefined, options: Option[]) => (
    <label className="block text-sm font-medium">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        <option value="">{t("all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="space-y-3">
      {props.problems.length > 0 ? (
        <div role="alert" className="rounded-lg bg-amber-50 p-3 text-amber-950 ring-1 ring-amber-300">
          <p className="font-semibold">{tp("title")}</p>
          <ul className="list-disc pl-5">
            {props.problems.map((p) => (
              <li key={p}>{tp(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" action={props.action} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <fieldset>
          <legend className="mb-2 font-semibold">{t("legend")}</legend>
          <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <label className="block text-sm font-medium">
              {t("from")}
              <input type="date" name="from" defaultValue={f.from} className={control} />
            </label>
            <label className="block text-sm font-medium">
              {t("to")}
              <input type="date" name="to" defaultValue={f.to} className={control} />
            </label>
            {props.opds ? select("opd", t("opd"), f.opdCode, props.opds) : null}
            {select("category", t("category"), f.categoryCode, props.categories)}
            {select("kecamatan", t("kecamatan"), f.kecamatanId?.toString(), props.kecamatan)}
            {select("channel", t("channel"), f.channel, CHANNELS.map((c) => ({ value: c, label: tc(c) })))}
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
              {t("apply")}
            </button>
            <Link href={props.action} className="underline">
              {t("reset")}
            </Link>
            <a href={props.csvHref} className="ml-auto underline" download>
              {t("csv")}
            </a>
          </div>
        </fieldset>
      </form>
    </div>
  );
}

/** `base?query` for the current filter plus `extra`. */
export function hrefWith(base: string, filter: BoardFilter, extra: Record<string, string | undefined> = {}): string {
  return `${base}?${filterQuery(filter, extra)}`;
}
