import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { AttachmentGallery } from "@/components/attachments/attachment-gallery";
import { ActionDone, feedbackText } from "@/components/staff/action-feedback";
import { ActionForms } from "@/components/staff/action-forms";
import { DuplicateCandidates, type Compared } from "@/components/staff/duplicate-candidates";
import { EventLog } from "@/components/staff/event-log";
import { LaporSync } from "@/components/staff/lapor-sync";
import { OpdShares } from "@/components/staff/opd-shares";
import { ReporterIdentity } from "@/components/staff/reporter-identity";
import { StatusBadge } from "@/components/status-badge";
import { listAttachments } from "@/db/queries/attachments";
import { complaintLaporOutbox } from "@/db/queries/complaint-sync";
import { revealIsValid } from "@/db/queries/audit";
import { sharesOf } from "@/db/queries/opd-clocks";
import { duplicateCandidates, OPEN_STATUSES } from "@/db/queries/duplicates";
import { markComplaintRead } from "@/db/queries/notifications";
import { mergedInto, opdStaff, staffComplaint, complaintEventLog } from "@/db/queries/staff-complaints";
import { can, canSeeComplaint, identityVisibility } from "@/domain/permissions";
import { formatCoordinates, geoUri, osmLink } from "@/domain/geo";
import { attachmentNameFor, reporterTextFor } from "@/domain/reporter-text";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { allowedActions } from "@/domain/workflow";
import { localDate } from "@/domain/working-days";
import { actionFeedback, nextInQueue, nextPreference } from "@/server/action-feedback";
import { getDb } from "@/server/db";
import { reference } from "@/server/reference";
import { region } from "@/server/region";
import { requireStaff } from "@/server/staff";
import { templateChoices } from "@/server/templates";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StaffComplaintPage({ params, searchParams }: Props) {
  const staff = await requireStaff();
  const [{ code: raw }, sp] = await Promise.all([params, searchParams]);
  const code = normalizeTrackingCode(raw, region().code);
  if (!code) notFound();
  const db = getDb();
  const row = await staffComplaint(db, code);
  // Another OPD's complaint does not exist as far as this officer can tell.
  if (!row || !canSeeComplaint(staff, row.c.opdId)) notFound();
  const c = row.c;
  const t = await getTranslations("staff");
  const format = await getFormatter();
  const { when: localWhen } = await localTime();
  const when = (d: Date | null) => (d ? localWhen(d) : "—");

  const actions = allowedActions({ status: c.status, previousStatus: c.previousStatus, mergedInto: c.primaryId }, staff.role);
  const isCoordinator = staff.role === "coordinator" || staff.role === "admin";
  const comparing = isCoordinator && c.primaryId === null && OPEN_STATUSES.includes(c.status);
  const done = typeof sp.done === "string" ? sp.done : null;
  const from = typeof sp.dari === "string" ? normalizeTrackingCode(sp.dari, region().code) : null;
  const [ref, events, duplicates, cluster, officers, shares, files, laporItems, feedback, previous, next] = await Promise.all([
    reference(db),
    complaintEventLog(db, c.id),
    comparing ? duplicateCandidates(db, c) : Promise.resolve([]),
    mergedInto(db, c.id, staff),
    actions.includes("assign") && c.opdId !== null ? opdStaff(db, c.opdId) : Promise.resolve([]),
    sharesOf(db, c.id),
    listAttachments(db, c.id),
    complaintLaporOutbox(db, c.id),
    done && !from ? actionFeedback(db, c.trackingCode, done, staff.id) : null,
    done && from ? actionFeedback(db, from, done, staff.id) : null,
    done && !from && can(staff.role, "queue.coordinator") ? nextInQueue(db, c.trackingCode) : null,
    // Opening the complaint is looking at what changed: its notifications count as read.
    markComplaintRead(db, staff, c.id),
  ]);
  const visibility = identityVisibility(staff.role, c.anonymous);
  // What the reporter wrote, as this staff member may read it (an anonymous reporter's identity
  // typed into the text is removed for OPD staff and auditors).
  const shown = reporterTextFor(staff.role, c);
  const fileName = attachmentNameFor(staff.role, c);
  const revealId = Number(typeof sp.reveal === "string" ? sp.reveal : NaN);
  const revealed = visibility === "reveal_on_request" && Number.isInteger(revealId) && (await revealIsValid(db, revealId, staff.id, c.id, new Date()));
  const primary = c.primaryId !== null ? events.findLast((e) => e.action === "merge")?.data?.primaryCode : undefined;

  const options = {
    opds: ref.opds.filter((o) => o.active).map((o) => ({ value: o.code, label: o.name })),
    externals: ref.externals.filter((e) => e.active).map((e) => ({ value: e.code, label: e.name })),
    categories: ref.categories.map((k) => ({ value: k.code, label: k.name })),
    kelurahan: ref.areas.map((k) => ({ group: `Kec. ${k.name}`, options: k.kelurahan.map((l) => ({ value: l.name, label: l.name })) })),
    officers: officers.map((o) => ({ value: String(o.id), label: `${o.name} (${t(`roles.${o.role}`)})` })),
    defaults: { opdCode: row.suggestedOpdCode ?? undefined, externalCode: ref.externals.find((e) => e.id === c.suggestedExternalId)?.code, title: shown(c.title) },
    files: true,
    expected: { min: localDate(new Date(), ref.calendar.timeZone), max: c.resolutionDue ? localDate(c.resolutionDue, ref.calendar.timeZone) : null },
    next: isCoordinator && c.status === "received" ? { checked: await nextPreference() } : undefined,
    templates: await templateChoices(db, actions, c, sp, {
      // The reporter's name only when known and this reader may see it (never an anonymous one's).
      reporterName: visibility === "visible" ? c.reporterName : null,
      code: c.trackingCode,
      submittedOn: format.dateTime(c.createdAt, { dateStyle: "long" }),
      today: format.dateTime(new Date(), { dateStyle: "long" }),
      opd: row.opdName ?? null,
      category: row.categoryName ?? null,
    }),
  };
  const place = (r: { kelurahanName: string | null; kecamatanName: string | null; address: string | null }, text: (s: string) => string) =>
    [r.address === null ? null : text(r.address), r.kelurahanName, r.kecamatanName ? `Kec. ${r.kecamatanName}` : null].filter(Boolean).join(", ") || "—";
  const current: Compared = { trackingCode: c.trackingCode, title: shown(c.title), body: shown(c.body), place: place({ ...row, address: c.address }, shown), status: c.status, channel: c.channel, createdAt: c.createdAt };
  const candidates: Compared[] = duplicates.map((d) => {
    const text = reporterTextFor(staff.role, d);
    return { trackingCode: d.trackingCode, title: text(d.title), body: text(d.body), place: place(d, text), status: d.status, channel: d.channel, createdAt: d.createdAt, score: d.score };
  });

  const facts: [string, string][] = [
    [t("detail.opd"), row.opdName ?? row.externalName ?? "—"],
    [t("detail.suggested"), row.suggestedOpdName ?? ref.externals.find((e) => e.id === c.suggestedExternalId)?.name ?? "—"],
    [t("detail.category"), row.categoryName ?? "—"],
    [t("detail.area"), [row.kelurahanName, row.kecamatanName ? `Kec. ${row.kecamatanName}` : null].filter(Boolean).join(", ") || "—"],
    [t("detail.address"), c.address === null ? "—" : shown(c.address)],
    [t("detail.incidentDate"), c.incidentDate ? format.dateTime(new Date(`${c.incidentDate}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" }) : "—"],
    [t("detail.channel"), (await getTranslations("channel"))(c.channel)],
    [t("detail.received"), when(c.createdAt)],
    [t("detail.assignee"), row.assigneeName ?? "—"],
    [t("detail.bounces"), String(c.bounceCount)],
    [t("detail.verification"), when(c.verificationDue)],
    [t("detail.firstResponse"), when(c.firstResponseDue)],
    [t("detail.resolution"), when(c.resolutionDue)],
  ];
  if (c.rating !== null) facts.push([t("detail.rating"), `${c.rating}/5${c.ratingComment ? ` — ${shown(c.ratingComment)}` : ""}`]);

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-mono text-lg font-semibold">{c.trackingCode}</span>
          <StatusBadge status={c.status} />
          {c.anonymous ? <span className="rounded bg-slate-800 px-2 py-0.5 text-xs font-semibold text-white">{t("detail.anonymous")}</span> : null}
          {c.confidential ? <span className="rounded bg-red-800 px-2 py-0.5 text-xs font-semibold text-white">{t("detail.confidential")}</span> : null}
          {typeof primary === "string" ? (
            <Link href={`/petugas/aduan/${primary}`} className="text-sm underline">
              {t("detail.mergedInto", { code: primary })}
            </Link>
          ) : null}
        </p>
        <h1 className="text-2xl font-bold text-brand-800">{shown(c.title)}</h1>
        {actions.length > 0 ? (
          <a href="#act-h" className="inline-block text-sm font-semibold text-brand-700 underline lg:hidden">
            {t("detail.toActions")}
          </a>
        ) : null}
        {typeof sp.retried === "string" ? (
          <p role="status" className={sp.retried === "1" ? "rounded-md bg-green-50 p-3 text-green-900" : "rounded-md bg-amber-50 p-3 text-amber-900"}>
            {t(sp.retried === "1" ? "detail.retried" : "detail.retryNothing")}
          </p>
        ) : null}
        {done ? (
          <ActionDone
            text={from ? null : await feedbackText(feedback ?? { action: "other", code: c.trackingCode, target: null })}
            previous={previous ? await feedbackText(previous) : null}
            next={next}
            queueEmpty={!from && can(staff.role, "queue.coordinator")}
          />
        ) : null}
      </header>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="c-h" className="space-y-3">
            <h2 id="c-h" className="sr-only">{t("detail.complaint")}</h2>
            <p className="whitespace-pre-line break-words rounded-lg bg-white p-4 ring-1 ring-slate-200">{shown(c.body)}</p>
            <dl className="grid gap-x-6 gap-y-2 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200 sm:grid-cols-2">
              {facts.map(([k, v]) => (
                <div key={k}>
                  <dt className="text-slate-600">{k}</dt>
                  <dd className="font-medium">{v}</dd>
                </div>
              ))}
              {c.lat !== null && c.lon !== null ? (
                <div className="sm:col-span-2" data-testid="coordinates">
                  <dt className="text-slate-600">{t("detail.coordinates")}</dt>
                  <dd className="flex flex-wrap items-center gap-x-4 gap-y-1 font-medium">
                    <span className="tabular-nums">{formatCoordinates({ lat: c.lat, lon: c.lon })}</span>
                    <a href={geoUri({ lat: c.lat, lon: c.lon })} className="inline-flex min-h-11 items-center text-brand-700 underline">
                      {t("detail.openMapApp")}
                    </a>
                    <a href={osmLink({ lat: c.lat, lon: c.lon })} className="inline-flex min-h-11 items-center text-brand-700 underline" rel="noreferrer" target="_blank">
                      {t("detail.openOsm")}
                    </a>
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
          <OpdShares shares={shares} createdAt={c.createdAt} calendar={ref.calendar} now={new Date()} />
          <AttachmentGallery items={files.map((f) => ({ ...f, fileName: fileName(f) }))} href={(id, thumb) => `/petugas/lampiran/${id}${thumb ? "?ukuran=kecil" : ""}`} headingId="att-h" heading={t("detail.attachments")} showSource />
          <ReporterIdentity code={c.trackingCode} visibility={visibility} revealed={revealed} reporter={c} />
          {comparing ? <DuplicateCandidates current={current} candidates={candidates} /> : null}
          {cluster.length > 0 ? (
            <section aria-labelledby="cl-h" className="space-y-2">
              <h2 id="cl-h" className="text-lg font-semibold">{t("detail.cluster")}</h2>
              <ul className="space-y-1 text-sm">
                {cluster.map((d) => (
                  <li key={d.trackingCode}>
                    <Link href={`/petugas/aduan/${d.trackingCode}`} className="font-mono underline">{d.trackingCode}</Link> — {d.title}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <LaporSync code={c.trackingCode} laporId={c.laporId} laporTrackingId={c.laporTrackingId} items={laporItems} canRetry={can(staff.role, "integration.operate")} />
          <EventLog events={events} hideCoordinatorMessages={visibility === "hidden"} shown={shown} />
        </div>
        <aside aria-labelledby="act-h" className="space-y-3">
          <h2 id="act-h" className="text-lg font-semibold">{t("detail.actions")}</h2>
          {actions.length === 0 ? <p className="text-sm text-slate-600">{t("detail.noActions")}</p> : <ActionForms code={c.trackingCode} actions={actions} options={options} />}
        </aside>
      </div>
    </article>
  );
}
