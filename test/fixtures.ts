import { randomUUID } from "node:crypto";

/** An instant given as local time in Asia/Jakarta (WIB, UTC+7, no daylight saving). */
export function wib(local: string): Date {
  return new Date(`${local.replace(" ", "T")}+07:00`);
}

/** A complaint a citizen could submit through the web form; every test varies what it needs. */
export function validComplaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "Jalan berlubang di depan sekolah",
    // A unique marker keeps each test's rows apart in a database shared by a test file.
    body: `Ada lubang besar di jalan depan SD 001 yang membahayakan pengendara motor. [${randomUUID()}]`,
    kecamatan: "Batam Kota",
    kelurahan: "Baloi Permai",
    address: "Jl. Engku Putri no. 1",
    reporterName: "Siti Aminah",
    reporterPhone: "0812-3456-7890",
    reporterEmail: "siti@example.id",
    ...overrides,
  };
}

const b64 = (s: string) => new Uint8Array(Buffer.from(s, "base64"));

/** A real 1×1 PNG (made with sharp). */
export const PNG = b64(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWM4IScHAAK2AQVhu1gcAAAAAElFTkSuQmCC",
);

/** A real 1×1 baseline JPEG (made with sharp). */
export const JPEG = b64(
  "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCAAHlhf//Z",
);

/** A real one-page PDF with a correct cross-reference table. */
export const PDF = (() => {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
})();

/** The start of a Windows executable (DOS "MZ" header pointing at a PE header). */
export const EXE = (() => {
  const bytes = new Uint8Array(256);
  bytes.set([0x4d, 0x5a], 0); // "MZ"
  bytes[0x3c] = 0x80; // e_lfanew: the PE header is at 0x80
  bytes.set([0x50, 0x45, 0, 0], 0x80); // "PE\0\0"
  return bytes;
})();

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** A staff member as the audit log records them (db/queries/audit.ts), for calling services directly. */
export function testActor(userId: number | null, role = "coordinator", address = "192.0.2.1"): { userId: number | null; role: string; address: string } {
  return { userId, role, address };
}
