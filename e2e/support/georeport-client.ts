import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * A small Open311 GeoReport v2 client written from the specification (wiki.open311.org/GeoReport_v2)
 * and mySociety's servicerequestupdates extension, not from Pintu's code: it knows only the
 * documented URLs, parameters and element names. Both formats are read into the same plain
 * shape (every value a string, as XML has them; lists as arrays), so a test can compare them.
 */
export type Format = "json" | "xml";
type Plain = string | Plain[] | { [k: string]: Plain };
export type Answer = { status: number; headers: Headers; text: string; body: Plain };

// The spec's list elements: each is an array in JSON and a repeated child element in XML.
const LIST_ITEMS: Record<string, string> = {
  services: "service",
  service_requests: "request",
  service_request_updates: "request_update",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
};
const ITEM_NAMES = new Set(Object.values(LIST_ITEMS));

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: false, isArray: (name) => ITEM_NAMES.has(name) });

/** Values as XML carries them: text; null and empty become "". */
function plain(v: unknown, key = ""): Plain {
  if (v === null || v === undefined) return LIST_ITEMS[key] ? [] : "";
  if (v === "" && LIST_ITEMS[key]) return [];
  if (Array.isArray(v)) return v.map((x) => plain(x, LIST_ITEMS[key] ?? key));
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    // XML: <services><service>…</service></services> → the list itself.
    const item = LIST_ITEMS[key];
    if (item && Object.keys(o).length <= 1) return ((o[item] as unknown[] | undefined) ?? []).map((x) => plain(x, item));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x, k)]));
  }
  return String(v);
}

export class GeoReportClient {
  constructor(
    readonly endpoint: string,
    readonly format: Format,
    readonly apiKey?: string,
  ) {}

  private url(resource: string, params: Record<string, string | undefined> = {}): string {
    // The key is optional on reads; a client that has one sends it (and is counted against its limit).
    const all = { ...params, ...(this.apiKey ? { api_key: this.apiKey } : {}) };
    const q = new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
    const s = q.toString();
    return `${this.endpoint}/${resource}.${this.format}${s ? `?${s}` : ""}`;
  }

  /** Reads an answer; XML must be well-formed and is unwrapped from its root element. */
  private async read(res: Response): Promise<Answer> {
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    let body: Plain;
    if (this.format === "json") {
      if (!type.includes("json")) throw new Error(`expected JSON, got ${type}`);
      const raw = JSON.parse(text) as unknown;
      body = Array.isArray(raw) ? plain(raw) : plain(raw);
    } else {
      if (!type.includes("xml")) throw new Error(`expected XML, got ${type}`);
      const valid = XMLValidator.validate(text);
      if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid)}`);
      const doc = parser.parse(text) as Record<string, unknown>;
      const root = Object.keys(doc).find((k) => k !== "?xml")!;
      body = LIST_ITEMS[root] ? plain(doc[root] === "" ? {} : doc[root], root) : plain(doc[root]);
    }
    return { status: res.status, headers: res.headers, text, body };
  }

  private get(resource: string, params?: Record<string, string | undefined>) {
    return fetch(this.url(resource, params)).then((r) => this.read(r));
  }

  private post(resource: string, fields: Record<string, string | undefined>, media?: { name: string; type: string; bytes: Uint8Array }) {
    const all = { api_key: this.apiKey, ...fields };
    let body: URLSearchParams | FormData;
    if (media) {
      const form = new FormData();
      for (const [k, v] of Object.entries(all)) if (v !== undefined) form.set(k, v);
      form.set("media", new Blob([new Uint8Array(media.bytes)], { type: media.type }), media.name);
      body = form;
    } else {
      body = new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
    }
    return fetch(`${this.endpoint}/${resource}.${this.format}`, { method: "POST", body }).then((r) => this.read(r));
  }

  /** GET discovery */
  discovery() {
    return this.get("discovery");
  }
  /** GET services (optionally ?locale=) */
  services(locale?: string) {
    return this.get("services", { locale, jurisdiction_id: undefined });
  }
  /** GET services/{service_code} */
  definition(serviceCode: string) {
    return this.get(`services/${encodeURIComponent(serviceCode)}`);
  }
  /** POST requests: service_code, lat/long or address_string, description, attribute[code]… */
  createRequest(fields: Record<string, string | undefined>, media?: { name: string; type: string; bytes: Uint8Array }) {
    return this.post("requests", fields, media);
  }
  /** GET requests/{service_request_id} */
  request(id: string) {
    return this.get(`requests/${encodeURIComponent(id)}`);
  }
  /** GET requests with the spec's filters */
  requests(filters: { service_request_id?: string; service_code?: string; start_date?: string; end_date?: string; status?: string } = {}) {
    return this.get("requests", filters);
  }
  /** GET servicerequestupdates?start_date=&end_date= (mySociety's extension) */
  updates(start_date?: string, end_date?: string) {
    return this.get("servicerequestupdates", { start_date, end_date });
  }
  /** POST servicerequestupdates: service_request_id, update_id, updated_datetime, status, description, … */
  postUpdate(fields: Record<string, string | undefined>) {
    return this.post("servicerequestupdates", fields);
  }
}

/** The items of a list answer (services, requests, updates, errors). */
export function items(a: Answer): Record<string, string>[] {
  if (!Array.isArray(a.body)) throw new Error(`expected a list, got ${a.text.slice(0, 200)}`);
  return a.body as unknown as Record<string, string>[];
}
