import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { splitFormat, toXml } from "./format";

describe("Open311 XML", () => {
  it("writes lists as repeated elements and escapes text so a real parser reads it back", () => {
    const xml = toXml("service_requests", [
      { service_request_id: "BTM-1", description: 'Air <meluap> & "bau"\u0007', lat: 1.5, media_url: null },
      { service_request_id: "BTM-2", description: "]]> tetap teks", lat: null, media_url: null },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ parseTagValue: false, isArray: (n) => n === "request" }).parse(xml);
    expect(doc.service_requests.request).toEqual([
      { service_request_id: "BTM-1", description: 'Air <meluap> & "bau"', lat: "1.5", media_url: "" },
      { service_request_id: "BTM-2", description: "]]> tetap teks", lat: "", media_url: "" },
    ]);
  });

  it("nests the specification's inner lists (attributes, values, endpoints, formats)", () => {
    const xml = toXml("service_definition", { service_code: "JALAN", attributes: [{ code: "kelurahan", values: [{ key: "1", name: "A" }, { key: "2", name: "B" }] }] });
    const doc = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(doc.service_definition.attributes.attribute.values.value).toEqual([{ key: "1", name: "A" }, { key: "2", name: "B" }]);
  });

  it("takes the format from the extension only", () => {
    expect(splitFormat("requests.json")).toEqual({ name: "requests", fmt: "json" });
    expect(splitFormat("BTM-7K3Q9MZD.XML")).toEqual({ name: "BTM-7K3Q9MZD", fmt: "xml" });
    expect(splitFormat("requests.html")).toBeNull();
    expect(splitFormat("requests")).toBeNull();
  });
});
