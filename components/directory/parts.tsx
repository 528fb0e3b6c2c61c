import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Flash } from "@/components/integration/parts";
import { DEFAULT_SLA, type SlaClock } from "@/domain/sla";
import { ToggleForm, type DirectoryAction } from "./form";

export type DirectorySection = "opd" | "category" | "area" | "institution" | "rules";

const SECTIONS: [DirectorySection, string][] = [
  ["opd", "/petugas/direktori/opd"],
  ["category", "/petugas/direktori/kategori"],
  ["area", "/petugas/direktori/wilayah"],
  ["institution", "/petugas/direktori/lembaga"],
  ["rules", "/petugas/direktori/rute"],
];

/** Title, lead (editable or read-only), the directory's own navigation and the last save (a refusal shows in its form). */
export async function DirectoryHeader({ title, current, editable, done }: { title: string; current: DirectorySection | null; editable: boolean; done?: string | null }) {
  const t = await getTranslations("directory");
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold text-brand-800">{title}</h1>
      <p className="text-slate-700">{editable ? t("leadAdmin") : t("leadReadOnly")}</p>
      <nav aria-label={t("nav.label")}>
        <ul className="flex flex-wrap gap-2 text-sm font-medium">
          {SECTIONS.map(([key, href]) => (
            <li key={key}>
              <Link
                href={href}
                aria-current={key === current ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded-md px-3 ${key === current ? "bg-brand-700 text-white" : "bg-white text-brand-700 ring-1 ring-slate-300 hover:bg-brand-50"}`}
              >
                {t(`nav.${key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Flash ok={done && t.has(`done.${done}`) ? t(`done.${done}` as "done.saved") : null} />
    </div>
  );
}

export type HistoryView = { version: number; change: string; at: Date; by: string | null; fields: string[]; data: Record<string, unknown> };

/** A row's versions, newest first: when, who, what changed (the old values of renamed fields). */
export async function HistoryList({ entries, labels }: { entries: HistoryView[]; labels: Record<string, string> }) {
  const t = await getTranslations("directory.history");
  const format = await getFormatter();
  if (entries.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="space-y-2 text-sm">
      {entries.map((h, i) => {
        const previous = entries[i + 1]?.data;
        return (
          <li key={h.version} className="rounded-md bg-white p-3 ring-1 ring-slate-200">
            <p className="font-medium">
              {t("version", { n: h.version })} · {t.has(`change.${h.change}`) ? t(`change.${h.change}` as "change.update") : h.change}
              {h.change === "initial" ? null : (
                <span className="font-normal text-slate-600">
                  {" "}
                  · <time dateTime={h.at.toISOString()}>{format.dateTime(h.at, { dateStyle: "long", timeStyle: "short" })}</time>
                  {h.by ? ` · ${h.by}` : ""}
                </span>
              )}
            </p>
            {h.fields.length && previous ? (
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {h.fields.map((f) => (
                  <li key={f}>
                    {labels[f] ?? f}: <span className="line-through">{show(previous[f])}</span> → {show(h.data[f])}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === "") return "—";
  if (Array.isArray(v)) return v.join(", ") || "—";
  if (typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`).join(", ") || "—";
  if (typeof v === "boolean") return v ? "✓" : "✗";
  return String(v);
};

/** "Aktif" / "Nonaktif" badge. */
export async function ActiveBadge({ active }: { active: boolean }) {
  const t = await getTranslations("directory");
  return active ? null : <span className="ml-2 rounded-full bg-slate-600 px-2 py-0.5 text-xs font-semibold text-white">{t("inactive")}</span>;
}

/**
 * Deactivate / activate one directory entry (a second step confirms; works without JavaScript).
 * The texts are `<section>.deactivate…` / `<section>.activate…` of the directory catalogue.
 */
export async function ActiveToggle({
  section,
  item,
  action,
  fields,
}: {
  section: "opd" | "category" | "area" | "institution" | "rules";
  item: { active: boolean; name?: string };
  action: DirectoryAction;
  fields: Record<string, string>;
}) {
  const t = await getTranslations("directory");
  const verb = item.active ? "deactivate" : "activate";
  const values = item.name === undefined ? undefined : { name: item.name };
  return (
    <ToggleForm
      label={t(`${section}.${verb}`)}
      explanation={<p>{t(`${section}.${verb}Explain`, values)}</p>}
      confirmLabel={t(`${section}.${verb}Confirm`)}
      action={action}
      fields={{ ...fields, active: item.active ? "0" : "1" }}
      danger={item.active}
    />
  );
}

/** The four SLA clocks' names, for the category form's deadline fields. */
export async function clockLabels(): Promise<Record<SlaClock, string>> {
  const t = await getTranslations("sla.clocks");
  return Object.fromEntries((Object.keys(DEFAULT_SLA) as SlaClock[]).map((c) => [c, t(c)])) as Record<SlaClock, string>;
}

/** A read-only entry (what a coordinator sees instead of the edit form): label and value per row. */
export function DetailList({ rows }: { rows: readonly (readonly [string | undefined, string | null | undefined])[] }) {
  return (
    <dl className="grid gap-x-4 gap-y-2 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200 sm:grid-cols-[max-content_1fr]">
      {rows.map(([k, v], i) => (
        <div key={i} className="contents">
          <dt className="font-medium">{k}</dt>
          <dd>{v || "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
