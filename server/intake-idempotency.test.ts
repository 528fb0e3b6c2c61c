import { createHash, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complaints, idempotencyKeys } from "@/db/schema";
import { countRows, testDatabases, type TestDatabase } from "@/test/databases";
import { JPEG, PNG, rejection, validComplaint, wib } from "@/test/fixtures";
import type { IncomingFile } from "./attachments";
import { AppError, ValidationError } from "@/lib/errors";
import { intakeComplaint } from "./intake";

const NOW = wib("2026-03-02 10:00");

describe.each(testDatabases())("Idempotency-Key at intake on $name", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.dispose());

  const submit = (raw: Record<string, unknown>, idempotencyKey: string, files: IncomingFile[] = []) =>
    intakeComplaint(t.db, { raw, files, idempotencyKey, channel: "web", region: "BTM", now: NOW });

  it("returns the same tracking code and access key for a replay, and stores one complaint", async () => {
    const key = randomUUID();
    const raw = validComplaint();
    const before = await countRows(t.db);
    const first = await submit(raw, key);
    const second = await submit({ ...raw }, key);
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await countRows(t.db)).toEqual({
      ...before,
      complaints: before.complaints + 1,
      events: before.events + 1,
      // Its LAPOR row and its duplicate check, once.
      outbox: before.outbox + 2,
      idempotencyKeys: before.idempotencyKeys + 1,
    });
    const [row] = await t.db.select().from(complaints).where(eq(complaints.trackingCode, first.trackingCode));
    expect(row!.accessKeyHash).toBe(createHash("sha256").update(second.accessKey).digest("hex"));
  });

  it("treats the same fields after trimming and phone normalisation as the same request", async () => {
    const key = randomUUID();
    const raw = validComplaint({ reporterPhone: "081234567890" });
    const first = await submit(raw, key);
    const second = await submit({ ...raw, title: `  ${String(raw.title)}  `, reporterPhone: "+62 812-3456-7890" }, key);
    expect(second.trackingCode).toBe(first.trackingCode);
  });

  it("refuses the same key with a different body (409) and writes nothing more", async () => {
    const key = randomUUID();
    await submit(validComplaint(), key);
    const before = await countRows(t.db);
    const error = await rejection(submit(validComplaint(), key));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 409, code: "idempotency_conflict" });
    expect(await countRows(t.db)).toEqual(before);
  });

  it("refuses the same key with the same fields but another attachment (409)", async () => {
    const key = randomUUID();
    const raw = validComplaint();
    await submit(raw, key, [{ name: "a.png", bytes: PNG }]);
    expect(await rejection(submit(raw, key, [{ name: "a.png", bytes: JPEG }]))).toMatchObject({ status: 409 });
  });

  it("stores two complaints for the same body under two different keys", async () => {
    const raw = validComplaint();
    const a = await submit(raw, randomUUID());
    const b = await submit(raw, randomUUID());
    expect(a.trackingCode).not.toBe(b.trackingCode);
    expect(b.replayed).toBe(false);
  });

  it("creates one complaint when the same request arrives several times at once", async () => {
    const key = randomUUID();
    const raw = validComplaint();
    const before = await countRows(t.db);
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(raw, key)));
    expect(new Set(results.map((r) => r.trackingCode)).size).toBe(1);
    expect(new Set(results.map((r) => r.accessKey)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await countRows(t.db)).complaints).toBe(before.complaints + 1);
  });

  it("does not use up the key on a request that failed validation", async () => {
    const key = randomUUID();
    const raw = validComplaint();
    expect(await rejection(submit({ ...raw, title: "abc" }, key))).toBeInstanceOf(ValidationError);
    const fixed = await submit(raw, key);
    expect(fixed.replayed).toBe(false);
  });

  it("keeps neither the key nor the receipt readable in the database", async () => {
    const key = randomUUID();
    const receipt = await submit(validComplaint(), key);
    const rows = await t.db.select().from(idempotencyKeys);
    const row = rows.find((r) => r.keyHash === createHash("sha256").update(`complaint:${key}`).digest("hex"));
    expect(row).toBeDefined();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(receipt.accessKey);
    expect(dump).not.toContain(receipt.trackingCode);
  });
});
