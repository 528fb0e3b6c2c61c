import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Feedback } from "@/server/action-feedback";

/** "Aduan BTM-… diteruskan ke Disdukcapil." — what the last action did, from its event. */
export async function feedbackText(f: Omit<Feedback, "action"> & { action: string }): Promise<string> {
  const t = await getTranslations("flow.feedback");
  const key = t.has(f.action) ? f.action : "other";
  return t(key as "other", { code: f.code, target: f.target ?? "—" });
}

/**
 * The message after an action (a status region), with — for a coordinator working through the
 * queue — the link to the next complaint waiting for verification.
 */
export async function ActionDone({ text, previous, next, queueEmpty }: { text: string | null; previous?: string | null; next?: string | null; queueEmpty?: boolean }) {
  const t = await getTranslations("flow.next");
  if (!text && !previous) return null;
  return (
    <div role="status" className="space-y-1 rounded-md bg-green-50 p-3 text-green-900">
      {previous ? <p>{t("from", { text: previous })}</p> : null}
      {text ? <p>{text}</p> : null}
      {next ? (
        <p>
          <Link href={`/petugas/aduan/${next}`} className="font-semibold underline" data-next>
            {t("link", { code: next })} →
          </Link>
        </p>
      ) : queueEmpty ? (
        <p>{t("none")}</p>
      ) : null}
    </div>
  );
}
