import type { Db } from "@/db/client";
import { manualBacklog, type ManualItem } from "@/db/queries/lapor-ops";
import { toCsv } from "@/domain/csv";
import { laporTask, storedPayload } from "@/domain/outbox-topics";
import { withComplaintRef, withFollowupRef } from "@/integrations/lapor/refs";
import { mappingLookup } from "./lapor-mappings";
import { reference } from "./reference";

/** One thing to enter in LAPOR by hand, as the CSV and JSON exports carry it. */
export type ExportRow = {
  outboxId: number;
  status: "pending" | "dead";
  queuedAt: string;
  trackingCode: string;
  task: "create_complaint" | "forward" | "followup";
  /** What to do in LAPOR, in words (the reader's language). */
  instruction: string;
  laporId: string | null;
  laporTrackingId: string | null;
  title: string;
  content: string;
  categoryLaporId: string | null;
  locationLaporId: string | null;
  institutionLaporId: string | null;
  institutionName: string | null;
  dateOfIncident: string | null;
  anonymous: boolean;
  secret: boolean;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
};

const EXPORT_COLUMNS = [
  "outboxId",
  "trackingCode",
  "task",
  "instruction",
  "laporId",
  "laporTrackingId",
  "title",
  "content",
  "categoryLaporId",
  "locationLaporId",
  "institutionLaporId",
  "institutionName",
  "dateOfIncident",
  "anonymous",
  "secret",
  "reporterName",
  "reporterPhone",
  "reporterEmail",
  "status",
  "queuedAt",
] as const satisfies readonly (keyof ExportRow)[];

type Translate = (key: string, values?: Record<string, string>) => string;

/**
 * What LAPOR still has to receive, ready to enter by hand. LAPOR's ids come from the mappings
 * (empty where none is set). An anonymous reporter's identity is left out: the export is a file
 * that travels, and in LAPOR "anonim" is a flag; a coordinator who needs the identity reveals it
 * on the complaint's page, which is audited. A new complaint's content ends with its Pintu
 * tracking code, so importing LAPOR's export later links the two instead of creating a copy.
 */
export async function buildExport(db: Db, t: Translate): Promise<ExportRow[]> {
  const [items, maps, ref] = await Promise.all([manualBacklog(db), mappingLookup(db), reference(db)]);
  const laporIdOf = (kind: keyof typeof maps, local: string | null | undefined) => {
    if (!local) return null;
    for (const [laporId, code] of maps[kind]) if (code === local) return laporId;
    return null;
  };
  const rows: ExportRow[] = [];
  for (const item of items) {
    const task = laporTask(item.topic);
    if (!task || item.status === "done") continue;
    const category = ref.categories.find((c) => c.id === item.categoryId);
    const stored = storedPayload(item.topic, item.payload);
    const externalCode = stored?.topic === "lapor.forward" ? stored.payload.externalCode : null;
    const external = externalCode ? ref.externals.find((x) => x.code === externalCode) : undefined;
    rows.push({
      outboxId: item.id,
      status: item.status,
      queuedAt: item.createdAt.toISOString(),
      trackingCode: item.trackingCode,
      task,
      instruction: t(`task.${task}`, { institution: external?.name ?? "—" }),
      laporId: item.laporId,
      laporTrackingId: item.laporTrackingId,
      title: item.title,
      content: contentOf(task, item),
      categoryLaporId: laporIdOf("category", category?.code),
      locationLaporId: laporIdOf("area", item.kelurahanId === null ? null : String(item.kelurahanId)),
      institutionLaporId: laporIdOf("institution", externalCode),
      institutionName: external?.name ?? null,
      dateOfIncident: item.incidentDate,
      anonymous: item.anonymous,
      secret: item.confidential,
      reporterName: item.anonymous ? null : item.reporterName,
      reporterPhone: item.anonymous ? null : item.reporterPhone,
      reporterEmail: item.anonymous ? null : item.reporterEmail,
    });
  }
  return rows;
}

/**
 * The text to enter, carrying the same reference an automatic send carries: the poll then links
 * a complaint entered by hand instead of importing it, and if the item is later sent
 * automatically after all (manual mode switched off first), the check before sending finds it.
 */
function contentOf(task: ExportRow["task"], item: ManualItem): string {
  if (task === "create_complaint") return withComplaintRef(item.body, item.trackingCode);
  const text = task === "forward" ? (item.event?.reason ?? "") : (item.event?.publicMessage ?? "");
  return item.event ? withFollowupRef(text, item.event.id) : text;
}

/**
 * The export as CSV for a spreadsheet: a byte-order mark so Excel reads UTF-8, headers in the
 * reader's language, and formula-looking cells neutralised (citizens' text must never run as a
 * spreadsheet formula on a coordinator's machine).
 */
export function exportCsv(rows: ExportRow[], header: (column: string) => string, yesNo: (v: boolean) => string): string {
  const records = rows.map((r) => EXPORT_COLUMNS.map((c) => (typeof r[c] === "boolean" ? yesNo(r[c] as boolean) : r[c] === null ? null : String(r[c]))));
  return toCsv(EXPORT_COLUMNS.map((c) => header(c)), records, { bom: true });
}
