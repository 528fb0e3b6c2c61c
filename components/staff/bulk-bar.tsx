import { getTranslations } from "next-intl/server";
import { bulkQueueAction } from "@/app/(staff)/petugas/antrean/actions";
import { COMPLAINT_STATUSES, type ComplaintStatus } from "@/domain/complaint-status";
import type { Params } from "@/domain/list-filter";
import { BULK_MAX } from "@/server/bulk";

const control = "mt-1 block w-full min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-base";

/**
 * The coordinator's bulk form above the queue: the rows' checkboxes belong to it through their
 * `form` attribute, so it works without JavaScript and without nesting forms.
 */
export async function BulkBar({ id, back, opds }: { id: string; back: string; opds: { code: string; name: string }[] }) {
  const t = await getTranslations("staff.lists.bulk");
  const tf = await getTranslations("staff.fields");
  return (
    <form id={id} action={bulkQueueAction} className="space-y-2 rounded-lg bg-brand-50 p-4 ring-1 ring-brand-200" aria-labelledby={`${id}-legend`}>
      <h2 id={`${id}-legend`} className="font-semibold">{t("legend")}</h2>
      <p className="text-sm text-slate-700">{t("hint")}</p>
      <input type="hidden" name="back" value={back} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="sm:w-80">
          <label htmlFor={`${id}-opd`} className="block text-sm font-medium">
            {t("opd")}
          </label>
          <select id={`${id}-opd`} name="opdCode" defaultValue="" className={control}>
            <option value="">{tf("choose")}</option>
            {opds.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="bulk" value="dispose" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {t("dispose")}
        </button>
        <button type="submit" name="bulk" value="spam" className="min-h-11 rounded-md bg-white px-4 py-2 font-semibold text-red-800 ring-1 ring-red-300 hover:bg-red-50">
          {t("spam")}
        </button>
      </div>
    </form>
  );
}

const isStatus = (s: string): s is ComplaintStatus => (COMPLAINT_STATUSES as readonly string[]).includes(s);

/** What the last bulk action did, read back from the redirect's query: counts and each failure by code. */
export async function BulkResult({ params, opds }: { params: Params; opds: { code: string; name: string }[] }) {
  const t = await getTranslations("staff.lists.bulk");
  const ts = await getTranslations("status");
  const one = (k: string) => (Array.isArray(params[k]) ? params[k][0] : params[k]);
  const error = one("bulkError");
  if (error === "none" || error === "noOpd" || error === "tooMany") {
    return (
      <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-950 ring-1 ring-amber-300">
        {t(error, { max: BULK_MAX })}
      </p>
    );
  }
  const kind = one("bulk");
  if (kind !== "dispose" && kind !== "spam") return null;
  const ok = Number(one("bulkOk") ?? 0) || 0;
  const opd = opds.find((o) => o.code === one("bulkOpd"))?.name ?? "";
  const raw = params.bulkFail;
  const failures = (Array.isArray(raw) ? raw : raw ? [raw] : []).slice(0, BULK_MAX).map((f) => {
    const [code = "", reason = "invalid", status = ""] = f.split(":");
    const key = reason === "actionNotAllowed" || reason === "notFound" || reason === "forbidden" ? reason : "invalid";
    return t(`failure.${key}`, { code, status: isStatus(status) ? ts(status) : "" });
  });
  const head = kind === "dispose" ? t("disposed", { count: ok, opd }) : t("archived", { count: ok });
  return (
    <div role="status" className={`rounded-md p-3 ring-1 ${failures.length ? "bg-amber-50 text-amber-950 ring-amber-300" : "bg-green-50 text-green-900 ring-green-300"}`} data-testid="bulk-result">
      <p className="font-semibold">
        {head}
        {failures.length ? `, ${t("failed", { count: failures.length })}: ${failures.join("; ")}` : "."}
      </p>
    </div>
  );
}
