import { XMLBuilder } from "fast-xml-parser";

/** The two representations of every GeoReport v2 resource, chosen by the path's extension. */
export type Open311Format = "json" | "xml";

/** A GeoReport error as the specification shapes it (`<errors><error><code/><description/>`). */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 413 | 415 | 429 | 503,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

/** The element name of one item of a list, per list name (the XML form of each JSON array). */
const XML_ITEM: Record<string, string> = {
  services: "service",
  service_requests: "request",
  service_request_updates: "request_update",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  errors: "error",
};

export type Open311Value = string | number | boolean | null | Open311Value[] | { [k: string]: Open311Value };

// C0 control characters other than tab and line breaks cannot appear in XML 1.0 at all.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function toXmlValue(key: string, v: Open311Value): unknown {
  if (v === null) return "";
  if (typeof v === "string") return v.replace(NOT_XML, "");
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) {
    const item = XML_ITEM[key] ?? "item";
    return { [item]: v.map((x) => toXmlValue(item, x)) };
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toXmlValue(k, x)]));
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true, ignoreAttributes: true });

/** The XML document of `body` under the element `root` (a list becomes `<root><item/>…</root>`). */
export function toXml(root: string, body: Open311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: toXmlValue(root, body) })}`;
}

const TYPES: Record<Open311Format, string> = { json: "application/json; charset=utf-8", xml: "text/xml; charset=utf-8" };

/** A resource in the chosen format: JSON as is (lists as arrays), XML under `root`. */
export function open311Response(fmt: Open311Format, root: string, body: Open311Value, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const text = fmt === "json" ? JSON.stringify(body) : toXml(root, body);
  return new Response(text, { status: init.status ?? 200, headers: { "content-type": TYPES[fmt], "cache-control": "no-store", ...init.headers } });
}

/** An error in the specification's shape, in the chosen format. */
export function open311ErrorResponse(fmt: Open311Format, err: Open311Error): Response {
  return open311Response(fmt, "errors", [{ code: err.status, description: err.description }], { status: err.status, headers: err.headers });
}

/**
 * Splits `name.json` / `name.xml` into the name and the format. Null when the extension is
 * missing or another: the caller answers 404 (in JSON, as it cannot know which was meant).
 */
export function splitFormat(segment: string): { name: string; fmt: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/i.exec(segment);
  return m ? { name: m[1]!, fmt: m[2]!.toLowerCase() as Open311Format } : null;
}
