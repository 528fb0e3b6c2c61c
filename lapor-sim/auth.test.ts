import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback } from "./auth";
import { startLaporSim, type LaporSim } from "./server";

const external = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

describe("the simulator's admin API", () => {
  let sim: LaporSim;
  beforeAll(async () => {
    // Listening on every interface, so a call can come from an address that is not loopback.
    sim = await startLaporSim({ host: "0.0.0.0", apiKey: "k", token: "t", adminToken: "admin-token-for-this-test" });
    sim.store.createDisposed({ reporter: { name: "Nama Rahasia", phone: "081299990000", email: "r@example.id" } });
  });
  afterAll(() => sim.close());

  const get = (base: string, path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it("needs the admin token: 401 and no personal data without it or with a wrong one", async () => {
    for (const headers of [{}, { "x-admin-token": "wrong" }, { authorization: "Bearer admin-token-for-this-test" }] as Record<string, string>[]) {
      const res = await get(sim.url, "/_admin/complaints", headers);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/Nama Rahasia|081299990000|r@example/);
    }
    const post = await fetch(`${sim.url}/_admin/faults`, { method: "POST", body: JSON.stringify({ unauthorized: true }) });
    expect(post.status).toBe(401);
    expect(sim.faults.unauthorized).toBe(false);
    const ok = await get(sim.url, "/_admin/complaints", { "x-admin-token": "admin-token-for-this-test" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Nama Rahasia");
  });

  it.skipIf(!external)("is served only to this machine: 403 from another address, even with the token", async () => {
    const res = await get(`http://${external}:${sim.port}`, "/_admin/complaints", { "x-admin-token": "admin-token-for-this-test" });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("Nama Rahasia");
  });

  it("generates a random admin token when none is given", async () => {
    const other = await startLaporSim({});
    try {
      expect(other.adminToken.length).toBeGreaterThanOrEqual(24);
      expect((await get(other.url, "/_admin/faults")).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("the LAPOR API needs the credentials it was started with", async () => {
    expect((await get(sim.url, "/complaints/disposed?institution_id=2171", { authorization: "Bearer sim-api-key", token: "sim-institution-token" })).status).toBe(401);
    expect((await get(sim.url, "/complaints/disposed?institution_id=2171", { authorization: "Bearer k", token: "t" })).status).toBe(200);
  });

  it("knows loopback addresses", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"].map(isLoopback)).toEqual([true, true, true, true]);
    expect(["10.0.0.1", "::ffff:10.0.0.1", "fe80::1", "", undefined, "127.0.0.1.evil"].map(isLoopback)).toEqual([false, false, false, false, false, false]);
  });
});
