import { CHANNELS, COMPLAINT_STATUSES, type Channel, type ComplaintStatus } from "./complaint-status";
import { validDay } from "./sla-stats";

/**
 * The filters, sort and page of the staff lists (queue, inbox, search results) as shareable GET
 * parameters. Parsing never widens anyone's scope: the caller forces an OPD role's own OPD after
 * parsing, whatever `opd` said. Unknown values are dropped and reported, never an error page.
 */

/** Which list: the coordinator's queue, an OPD's inbox, or the search results. */
export type ListView = "queue" | "inbox" | "search";

/** `open`: every status still waiting for someone; `all`: any status. */
type StatusFilter = ComplaintStatus | "open" | "all";
export const LIST_FLAGS = ["anonymous", "confidential", "returned", "reopened", "duplicate"] as const;
export type ListFlag = (typeof LIST_FLAGS)[number];
const SLA_FILTERS = ["breached", "at_risk"] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];
/** `deadline`: nearest deadline first; `age`: oldest first; `newest`: newest first. */
export const LIST_SORTS = ["deadline", "age", "newest"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

export type ListFilter = {
  status: StatusFilter;
  channel?: Channel;
  categoryCode?: string;
  kecamatanId?: number;
  opdCode?: string;
  /** Received between these calendar days (inclusive, the region's time zone). */
  from?: string;
  to?: string;
  flags: ListFlag[];
  sla?: SlaFilter;
  /** Only complaints assigned to the reader. */
  mine: boolean;
  sort: ListSort;
};

/** A position in a sorted list: the sort key (ms since epoch, null for "no deadline") and the id. */
export type Cursor = { key: number | null; id: number };
export type PageRequest = { after?: Cursor; before?: Cursor };

export type ListProblem = "status" | "channel" | "category" | "kecamatan" | "opd" | "from" | "to" | "range" | "flag" | "sla" | "sort" | "cursor";

/** Each view's defaults: the queue is what awaits verification, oldest first; the inbox the OPD's open work by deadline. */
const VIEW_DEFAULTS: Record<ListView, { status: StatusFilter; sort: ListSort }> = {
  queue: { status: "received", sort: "age" },
  inbox: { status: "open", sort: "deadline" },
  search: { status: "all", sort: "newest" },
};

export type Params = Record<string, string | string[] | undefined>;

const first = (params: Params, k: string) => {
  const v = params[k];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s.trim() : undefined;
};
const all = (params: Params, k: string) => {
  const v = params[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
};

/** Reads a cursor written by `cursorParam`; null when it is not one. */
export function parseCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const m = /^(-|\d{1,17})_(\d{1,15})$/.exec(raw);
  if (!m) return null;
  const id = Number(m[2]);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { key: m[1] === "-" ? null : Number(m[1]), id };
}

export function cursorParam(c: Cursor): string {
  return `${c.key === null ? "-" : Math.trunc(c.key)}_${c.id}`;
}

/**
 * The filter and page a list's GET parameters ask for. `known` lists what exists (codes are
 * matched in any case); anything else is left out and named in `problems`.
 */
export function parseListParams(
  params: Params,
  view: ListView,
  known: { opdCodes: readonly string[]; categoryCodes: readonly string[]; kecamatanIds: readonly number[] },
): { filter: ListFilter; page: PageRequest; problems: ListProblem[] } {
  const problems: ListProblem[] = [];
  const defaults = VIEW_DEFAULTS[view];
  const filter: ListFilter = { status: defaults.status, flags: [], mine: false, sort: defaults.sort };

  const status = first(params, "status");
  if (status) {
    if (status === "open" || status === "all" || (COMPLAINT_STATUSES as readonly string[]).includes(status)) filter.status = status as StatusFilter;
    else problems.push("status");
  }
  const channel = first(params, "channel");
  if (channel) {
    if ((CHANNELS as readonly string[]).includes(channel)) filter.channel = channel as Channel;
    else problems.push("channel");
  }
  const pick = (key: "category" | "opd", list: readonly string[]) => {
    const v = first(params, key)?.toUpperCase();
    if (!v) return undefined;
    const hit = list.find((c) => c.toUpperCase() === v);
    if (!hit) problems.push(key);
    return hit;
  };
  filter.categoryCode = pick("category", known.categoryCodes);
  filter.opdCode = pick("opd", known.opdCodes);
  const kec = first(params, "kecamatan");
  if (kec) {
    const id = Number(kec);
    if (Number.isInteger(id) && known.kecamatanIds.includes(id)) filter.kecamatanId = id;
    else problems.push("kecamatan");
  }
  for (const k of ["from", "to"] as const) {
    const day = first(params, k);
    if (day === undefined) continue;
    if (validDay(day)) filter[k] = day;
    else problems.push(k);
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    problems.push("range");
    delete filter.from;
    delete filter.to;
  }
  for (const f of all(params, "flag")) {
    if ((LIST_FLAGS as readonly string[]).includes(f)) {
      if (!filter.flags.includes(f as ListFlag)) filter.flags.push(f as ListFlag);
    } else problems.push("flag");
  }
  const sla = first(params, "sla");
  if (sla) {
    if ((SLA_FILTERS as readonly string[]).includes(sla)) filter.sla = sla as SlaFilter;
    else problems.push("sla");
  }
  filter.mine = first(params, "mine") === "1";
  const sort = first(params, "sort");
  if (sort) {
    if ((LIST_SORTS as readonly string[]).includes(sort)) filter.sort = sort as ListSort;
    else problems.push("sort");
  }
  for (const k of Object.keys(filter) as (keyof ListFilter)[]) if (filter[k] === undefined) delete filter[k];

  const page: PageRequest = {};
  const after = first(params, "after");
  const before = first(params, "before");
  if (after) {
    const c = parseCursor(after);
    if (c) page.after = c;
    else problems.push("cursor");
  } else if (before) {
    const c = parseCursor(before);
    if (c) page.before = c;
    else problems.push("cursor");
  }
  return { filter, page, problems };
}

/**
 * The filter as GET parameters, leaving out each view's defaults (short, bookmarkable links).
 * `extra` adds or overrides parameters (the search words, a cursor).
 */
export function listQuery(filter: ListFilter, view: ListView, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  const d = VIEW_DEFAULTS[view];
  if (extra.q !== undefined) q.set("q", extra.q);
  if (filter.status !== d.status) q.set("status", filter.status);
  if (filter.channel) q.set("channel", filter.channel);
  if (filter.categoryCode) q.set("category", filter.categoryCode);
  if (filter.kecamatanId !== undefined) q.set("kecamatan", String(filter.kecamatanId));
  if (filter.opdCode) q.set("opd", filter.opdCode);
  if (filter.from) q.set("from", filter.from);
  if (filter.to) q.set("to", filter.to);
  for (const f of filter.flags) q.append("flag", f);
  if (filter.sla) q.set("sla", filter.sla);
  if (filter.mine) q.set("mine", "1");
  if (filter.sort !== d.sort) q.set("sort", filter.sort);
  for (const [k, v] of Object.entries(extra)) if (k !== "q" && v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** True when the filter differs from the view's default list (a "reset filters" link is useful). */
export function isFiltered(filter: ListFilter, view: ListView): boolean {
  return listQuery(filter, view) !== "";
}
