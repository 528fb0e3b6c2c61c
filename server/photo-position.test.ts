import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { photoPosition } from "./attachment-images";

const photo = async (gps?: Record<string, string>) => {
  const img = sharp({ create: { width: 16, height: 16, channels: 3, background: "#888" } }).jpeg();
  return new Uint8Array(await (gps ? img.withExif({ IFD3: gps }) : img).toBuffer());
};

describe("photoPosition (the point a photo recorded, taken only with the reporter's consent)", () => {
  it("reads the EXIF GPS position of the first photo that has one", async () => {
    const files = [
      { name: "tanpa.jpg", bytes: await photo() },
      { name: "jalan.jpg", bytes: await photo({ GPSLatitudeRef: "N", GPSLatitude: "1/1 7/1 4380/100", GPSLongitudeRef: "E", GPSLongitude: "104/1 3/1 1080/100" }) },
    ];
    const p = await photoPosition(files);
    expect(p!.lat).toBeCloseTo(1.128833, 5);
    expect(p!.lon).toBeCloseTo(104.053, 5);
  });

  it("gives south and west as negative degrees", async () => {
    const p = await photoPosition([{ name: "a.jpg", bytes: await photo({ GPSLatitudeRef: "S", GPSLatitude: "6/1 12/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "10/1 30/1 0/1" }) }]);
    expect(p).toEqual({ lat: -6.2, lon: -10.5 });
  });

  it("is null without a position, for a PDF or bytes that are no picture", async () => {
    expect(await photoPosition([{ name: "a.jpg", bytes: await photo() }])).toBeNull();
    expect(await photoPosition([{ name: "a.pdf", bytes: new TextEncoder().encode("%PDF-1.4\n") }])).toBeNull();
    expect(await photoPosition([])).toBeNull();
  });
});
