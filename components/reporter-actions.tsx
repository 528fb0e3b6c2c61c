import { getFormatter, getTranslations } from "next-intl/server";
import { localTime } from "./local-time";
import { runReporterAction } from "@/app/(public)/lacak/[code]/actions";
import { AttachmentGallery } from "./attachments/attachment-gallery";
import { ActionForms } from "./staff/action-forms";
import type { AttachmentMeta } from "@/db/queries/attachments";
import type { ComplaintStatus } from "@/domain/complaint-status";
import { allowedActions } from "@/domain/workflow";

const EMPTY_OPTIONS = { opds: [], externals: [], categories: [], kelurahan: [], officers: [], defaults: { title: "" } };

/** What the reporter, holding the private key, can do now: reply, accept or object, rate. */
export async function ReporterActions({
  code,
  accessKey,
  status,
  workflow,
  lastQuestion,
  lastAnswer = null,
  answerFiles,
  done,
}: {
  code: string;
  accessKey: string;
  status: ComplaintStatus;
  workflow: { previousStatus: ComplaintStatus | null; mergedInto: number | null; rating: number | null; autoCloseDue?: Date | null };
  lastQuestion: string | null;
  /** The agency's latest answer, shown right where the reporter accepts, objects or rates. */
  lastAnswer?: string | null;
  /** The files that came with that answer (opened through the private link). */
  answerFiles?: { items: AttachmentMeta[]; key: string };
  done: boolean;
}) {
  const t = await getTranslations("reporter");
  const format = await getFormatter();
  const { zone } = await localTime();
  const actions = allowedActions({ status, previousStatus: workflow.previousStatus, mergedInto: workflow.mergedInto }, "reporter").filter(
    (a) => !(a === "rate" && workflow.rating !== null),
  );
  if (actions.length === 0 && !done && workflow.rating === null) return null;
  const lead = status === "awaiting_reporter" ? t("replyLead") : status === "responded" ? t("respondedLead") : status === "closed" && workflow.rating === null ? t("rateLead") : null;
  return (
    <section aria-labelledby="rep-act-h" className="space-y-3 rounded-lg bg-brand-50 p-4 ring-1 ring-brand-100">
      <h2 id="rep-act-h" className="text-lg font-semibold">{t("title")}</h2>
      {done ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t("done")}</p> : null}
      {workflow.rating !== null ? <p>{t("rated", { rating: workflow.rating })}</p> : null}
      {lead ? <p>{lead}</p> : null}
      {(status === "responded" || (status === "closed" && workflow.rating === null)) && lastAnswer ? (
        <figure className="space-y-1">
          <figcaption className="text-sm font-medium text-slate-700">{t("answerLabel")}</figcaption>
          <blockquote className="whitespace-pre-line border-l-4 border-brand-600 bg-white p-3">{lastAnswer}</blockquote>
          {answerFiles && answerFiles.items.length > 0 ? (
            <AttachmentGallery
              items={answerFiles.items}
              href={(id, thumb) => `/lacak/${code}/lampiran/${id}?key=${encodeURIComponent(answerFiles.key)}${thumb ? "&ukuran=kecil" : ""}`}
              headingId="answer-files-h"
              heading={t("answerFiles")}
            />
          ) : null}
        </figure>
      ) : null}
      {status === "responded" && workflow.autoCloseDue ? (
        <p className="text-sm text-slate-700">{t("autoClose", { date: format.dateTime(workflow.autoCloseDue, { dateStyle: "full", timeStyle: "short" }), zone })}</p>
      ) : null}
      {status === "awaiting_reporter" && lastQuestion ? <blockquote className="border-l-4 border-brand-600 bg-white p-3 whitespace-pre-line">{lastQuestion}</blockquote> : null}
      {actions.length > 0 ? (
        <ActionForms code={code} actions={actions} options={EMPTY_OPTIONS} submitAction={runReporterAction} hidden={{ key: accessKey }} />
      ) : null}
    </section>
  );
}
