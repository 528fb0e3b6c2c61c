import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CHANNELS, COMPLAINT_STATUSES } from "@/domain/complaint-status";
import { cursorParam, isFiltered, LIST_SORTS, LIST_FLAGS, listQuery, type Cursor, type ListFilter, type ListProblem, type ListView } from "@/domain/list-filter";
import type { Reference } from "@/server/reference";

const control = "mt-1 block w-full min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-base";
type Option = { value: string; label: string };

/**
 * A staff list's filters as a plain GET form (works without JavaScript; the URL is the
 * bookmark). Collapsed on first visit, open while a filter is set. `ownOpd`: the reader is
 * confined to one OPD, so there is no OPD choice. `q`: the search words, kept across filters.
 */
export async function ListFilters(props: { action: string; view: ListView; filter: ListFilter; problems: ListProblem[]; reference: Reference; ownOpd: boolean; q?: string }) {
  const t = await getTranslations("staff.lists.filters");
  const tp = await getTranslations("staff.lists.problems");
  const tf = await getTranslations("staff.lists.flagFilter");
  const tc = await getTranslations("channel");
  const ts = await getTranslations("status");
  const f = props.filter;
  const select = (name: string, label: string, value: string | undefined, options: Option[], allLabel: string | null = t("all")) => (
    <div>
      <label htmlFor={`list-f-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`list-f-${name}`} name={name} defaultValue={value ?? ""} className={control}>
        {allLabel !== null ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const date = (name: "from" | "to", label: string) => (
    <div>
      <label htmlFor={`list-f-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input id={`list-f-${name}`} type="date" name={name} defaultValue={f[name]} className={control} />
    </div>
  );
  const sortLabel = { deadline: t("sortDeadline"), age: t("sortAge"), newest: t("sortNewest") } as const;
  return (
    <div className="space-y-3">
      {props.problems.length > 0 ? (
        <div role="alert" className="rounded-lg bg-amber-50 p-3 text-amber-950 ring-1 ring-amber-300">
          <p className="font-semibold">{tp("title")}</p>
          <ul className="list-disc pl-5">
            {[...new Set(props.problems)].map((p) => (
              <li key={p}>{tp(p)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <details open={isFiltered(f, props.view) || undefined} className="rounded-lg bg-white ring-1 ring-slate-200">
        <summary className="min-h-11 cursor-pointer px-4 py-3 font-semibold">{t("legend")}</summary>
        <form method="get" action={props.action} className="space-y-3 border-t border-slate-200 p-4">
          {props.q !== undefined ? <input type="hidden" name="q" value={props.q} /> : null}
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {select("status", t("status"), f.status, [{ value: "open", label: t("statusOpen") }, { value: "all", label: t("statusAll") }, ...COMPLAINT_STATUSES.map((s) => ({ value: s, label: ts(s) }))], null)}
            {select("channel", t("channel"), f.channel, CHANNELS.map((c) => ({ value: c, label: tc(c) })))}
            {select("category", t("category"), f.categoryCode, props.reference.categories.map((c) => ({ value: c.code, label: c.name })))}
            {select("kecamatan", t("kecamatan"), f.kecamatanId?.toString(), props.reference.areas.map((k) => ({ value: String(k.id), label: k.name })))}
            {props.ownOpd ? null : select("opd", t("opd"), f.opdCode, props.reference.opds.map((o) => ({ value: o.code, label: o.name })))}
            {date("from", t("from"))}
            {date("to", t("to"))}
            {select("sla", t("sla"), f.sla, [{ value: "breached", label: t("slaBreached") }, { value: "at_risk", label: t("slaAtRisk") }])}
            {select("sort", t("sort"), f.sort, LIST_SORTS.map((s) => ({ value: s, label: sortLabel[s] })), null)}
          </div>
          <fieldset>
            <legend className="text-sm font-medium">{t("flags")}</legend>
            <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
              {LIST_FLAGS.map((flag) => (
                <label key={flag} className="flex min-h-11 items-center gap-2">
                  <input type="checkbox" name="flag" value={flag} defaultChecked={f.flags.includes(flag)} className="size-5" />
                  {tf(flag)}
                </label>
              ))}
              <label className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="mine" value="1" defaultChecked={f.mine} className="size-5" />
                {t("mine")}
              </label>
            </div>
          </fieldset>
          <div className="flex flex-wrap items-center gap-4">
            <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">
              {t("apply")}
            </button>
            <Link href={`${props.action}${props.q !== undefined ? `?q=${encodeURIComponent(props.q)}` : ""}`} className="underline">
              {t("reset")}
            </Link>
          </div>
        </form>
      </details>
    </div>
  );
}

/** "123 aduan" (or "Lebih dari 10.000 aduan"), the CSV link, and previous/next page links keeping the filter. */
export async function ListSummary(props: { total: number; capped: boolean; csvHref: string; csvMax: number }) {
  const t = await getTranslations("staff.lists");
  const format = await getFormatter();
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-2">
      <p className="font-semibold" data-testid="list-total">
        {props.capped ? t("totalCapped", { count: format.number(props.total) }) : t("total", { count: props.total })}
      </p>
      <a href={props.csvHref} download className="inline-flex min-h-11 items-center underline" title={t("filters.csvNote", { max: format.number(props.csvMax) })}>
        {t("filters.csv")}
      </a>
    </div>
  );
}

export async function ListPager(props: { action: string; view: ListView; filter: ListFilter; q?: string; prev: Cursor | null; next: Cursor | null }) {
  const t = await getTranslations("staff.lists.pager");
  const href = (k: "after" | "before", c: Cursor) => `${props.action}${listQuery(props.filter, props.view, { q: props.q, [k]: cursorParam(c) })}`;
  if (!props.prev && !props.next) return null;
  return (
    <nav aria-label={t("label")} className="flex items-center justify-between gap-4 text-base">
      {props.prev ? (
        <Link href={href("before", props.prev)} className="inline-flex min-h-11 items-center underline" rel="prev">
          ← {t("prev")}
        </Link>
      ) : (
        <span />
      )}
      {props.next ? (
        <Link href={href("after", props.next)} className="inline-flex min-h-11 items-center underline" rel="next">
          {t("next")} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
