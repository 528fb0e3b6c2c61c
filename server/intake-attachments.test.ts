import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments, complaintEvents, complaints } from "@/db/schema";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { EXE, JPEG, PDF, PNG, rejection, validComplaint, wib } from "@/test/fixtures";
import type { IncomingFile } from "./attachments";
import { ValidationError } from "@/lib/errors";
import { intakeComplaint } from "./intake";

const NOW = wib("2026-03-02 10:00");
const MB5 = 5 * 1024 * 1024;

/** A PNG signature followed by padding: detected as PNG, of exactly `size` bytes. */
function pngOfSize(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(PNG);
  return bytes;
}

describe.each(testDatabases())("attachments at intake on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const submit = (files: IncomingFile[], raw = validComplaint()) =>
    intakeComplaint(t.db, { raw, files, channel: "web", region: "BTM", now: NOW });

  const storedFiles = async (trackingCode: string) => {
    const [c] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, trackingCode));
    return t.db.select().from(attachments).where(eq(attachments.complaintId, c!.id)).orderBy(attachments.id);
  };

  async function expectRejected(files: IncomingFile[], expected: Record<string, string[]>, raw = validComplaint()) {
    const before = await countRows(t.db);
    const error = await rejection(submit(files, raw));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as unknown as ValidationError).fieldErrors).toEqual(expected);
    expect(await countRows(t.db)).toEqual(before);
  }

  it("stores a real PNG, JPEG and PDF with their detected type, size, hash and bytes", async () => {
    const receipt = await submit([
      { name: "foto.png", bytes: PNG },
      { name: "foto.jpg", bytes: JPEG },
      { name: "surat.pdf", bytes: PDF },
    ]);
    const rows = await storedFiles(receipt.trackingCode);
    // Photos are re-encoded without metadata: size and hash describe what is stored.
    expect(rows.map((r) => [r.fileName, r.mime, r.size, r.source])).toEqual([
      ["foto.png", "image/png", rows[0]!.content.byteLength, "reporter"],
      ["foto.jpg", "image/jpeg", rows[1]!.content.byteLength, "reporter"],
      ["surat.pdf", "application/pdf", PDF.byteLength, "reporter"],
    ]);
    expect(rows[1]!.sha256).toBe(createHash("sha256").update(rows[1]!.content).digest("hex"));
    expect(Buffer.from(rows[2]!.content).equals(Buffer.from(PDF))).toBe(true);
    // A thumbnail beside each picture (a JPEG), none for the PDF.
    expect((await sharp(rows[0]!.thumbnail!).metadata()).format).toBe("jpeg");
    expect(rows[2]!.thumbnail).toBeNull();
    const [event] = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, rows[0]!.complaintId));
    expect(event!.data).toMatchObject({ attachments: 3 });
  });

  it("judges a file by its content, not its name: a PNG called scan.pdf is stored as a PNG", async () => {
    const receipt = await submit([{ name: "scan.pdf", bytes: PNG }]);
    expect((await storedFiles(receipt.trackingCode))[0]).toMatchObject({ fileName: "scan.pdf", mime: "image/png" });
  });

  it("keeps only the base name of an uploaded path", async () => {
    const receipt = await submit([
      { name: "../../etc/passwd.png", bytes: PNG },
      { name: "C:\\Users\\siti\\Foto KTP.jpg", bytes: JPEG },
    ]);
    expect((await storedFiles(receipt.trackingCode)).map((r) => r.fileName)).toEqual(["passwd.png", "Foto KTP.jpg"]);
  });

  it("ignores the empty file a form sends when nothing was chosen", async () => {
    const receipt = await submit([{ name: "", bytes: new Uint8Array() }]);
    expect(await storedFiles(receipt.trackingCode)).toHaveLength(0);
  });

  it("drops a photo's EXIF (where it was taken) unless the reporter shares the location, and thumbnails it", async () => {
    const photo = new Uint8Array(
      await sharp({ create: { width: 800, height: 600, channels: 3, background: "#336699" } })
        .jpeg()
        .withExif({ IFD0: { Copyright: "Budi Pelapor" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "1/1 5/1 0/1" } })
        .toBuffer(),
    );
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const stripped = (await storedFiles((await submit([{ name: "jalan.jpg", bytes: photo }])).trackingCode))[0]!;
    expect((await sharp(stripped.content).metadata()).exif).toBeUndefined();
    expect(Buffer.from(stripped.content).includes("Budi Pelapor")).toBe(false);
    const thumb = await sharp(stripped.thumbnail!).metadata();
    expect([thumb.width, thumb.height]).toEqual([320, 240]);

    const shared = (await storedFiles((await submit([{ name: "jalan.jpg", bytes: photo }], validComplaint({ lat: 1.1, lon: 104.0 }))).trackingCode))[0]!;
    expect(Buffer.from(shared.content).equals(Buffer.from(photo))).toBe(true);
  });

  it("rejects a picture whose signature is right but whose content is not, and writes nothing", async () => {
    const broken = new Uint8Array(2000);
    broken.set(PNG.subarray(0, 24)); // the signature and half a header, then nothing
    await expectRejected([{ name: "rusak.png", bytes: broken }], { attachments: ["fileUnreadable|rusak.png"] });
  });

  it("accepts five files and a file of exactly 5 MB", async () => {
    const files: IncomingFile[] = [PNG, JPEG, PDF, PNG].map((bytes, i) => ({ name: `f${i}`, bytes }));
    const bigPdf = new Uint8Array(MB5);
    bigPdf.set(PDF);
    const receipt = await submit([...files, { name: "besar.pdf", bytes: bigPdf }]);
    const rows = await storedFiles(receipt.trackingCode);
    expect(rows).toHaveLength(5);
    expect(rows[4]!.size).toBe(MB5);
  }, 40_000); // PGlite takes a few seconds to store 5 MB

  it("rejects a Windows program named x.jpg and writes nothing", async () => {
    await expectRejected([{ name: "x.jpg", bytes: EXE }], { attachments: ["fileType|x.jpg"] });
  });

  it("rejects a text file named like a PDF", async () => {
    await expectRejected([{ name: "surat.pdf", bytes: new TextEncoder().encode("bukan pdf, hanya teks biasa") }], { attachments: ["fileType|surat.pdf"] });
  });

  it("rejects a sixth file and writes nothing", async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.png`, bytes: PNG }));
    await expectRejected(six, { attachments: ["tooManyFiles|5"] });
  });

  it("rejects a file over 5 MB and writes nothing", async () => {
    await expectRejected([{ name: "ok.png", bytes: PNG }, { name: "besar.png", bytes: pngOfSize(MB5 + 1) }], { attachments: ["fileTooLarge|besar.png"] });
  });

  it("names every bad file at once", async () => {
    await expectRejected(
      [{ name: "a.jpg", bytes: EXE }, { name: "b.png", bytes: pngOfSize(MB5 + 1) }],
      { attachments: ["fileType|a.jpg", "fileTooLarge|b.png"] },
    );
  });

  it("reports a bad attachment together with the form's field errors", async () => {
    await expectRejected([{ name: "x.jpg", bytes: EXE }], { title: ["tooShort|5"], attachments: ["fileType|x.jpg"] }, validComplaint({ title: "abc" }));
  });
});
