import { describe, expect, it } from "vitest";
import { formatCoordinates, geoUri, inIndonesia, osmLink } from "./geo";

describe("geo", () => {
  it("accepts points across Indonesia and refuses 0,0, a swapped pair and points abroad", () => {
    expect(inIndonesia({ lat: 1.1301, lon: 104.0529 })).toBe(true); // Batam
    expect(inIndonesia({ lat: 5.89, lon: 95.32 })).toBe(true); // Sabang
    expect(inIndonesia({ lat: -8.49, lon: 140.4 })).toBe(true); // Merauke
    expect(inIndonesia({ lat: 0, lon: 0 })).toBe(false);
    expect(inIndonesia({ lat: 104.05, lon: 1.13 })).toBe(false);
    expect(inIndonesia({ lat: 1.35, lon: 103.6 })).toBe(true); // Singapore lies inside the box: a sanity check, not a border
    expect(inIndonesia({ lat: -6.2, lon: 90 })).toBe(false);
  });

  it("writes a point with six decimals and links it to OpenStreetMap and a geo: URI", () => {
    const p = { lat: 1.13012345, lon: 104.0529 };
    expect(formatCoordinates(p)).toBe("1.130123, 104.052900");
    expect(osmLink(p)).toBe("https://www.openstreetmap.org/?mlat=1.130123&mlon=104.052900#map=18/1.130123/104.052900");
    expect(geoUri(p)).toBe("geo:1.130123,104.052900");
  });
});
