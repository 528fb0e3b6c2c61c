import { connect } from "node:net";
import os from "node:os";
import { expect, test } from "@playwright/test";
import { E2E_SERVER, E2E_SIM_ADMIN_TOKEN, MAIN_PORT } from "./support/servers";

test.skip(E2E_SERVER === "next", "the demo's LAPOR simulator is mounted by `npm start` (scripts/start.ts), not by `next start`");

/**
 * The demo's LAPOR simulator is mounted on the portal (`/lapor-sim`). It holds reporters'
 * personal data (names, phone numbers, e-mail addresses, anonymous reporters among them): its
 * admin API answers only this machine with the admin token, its LAPOR API only the credentials
 * the portal itself was given at start, and the demo portal listens on 127.0.0.1 only.
 */

/** Names, numbers and addresses of the simulator's demo reporters (lapor-sim/demo.ts). */
const PERSONAL = /Rahmat Hidayat|Dewi Lestari|Siti Aminah|Budi Santoso|0812\d{6,}|0813\d{6,}|siti\.aminah@/;

test.describe("LAPOR simulator in the demo", { tag: "@api" }, () => {
  test("the admin API refuses callers without the token, and hands out no personal data", async ({ request }) => {
    for (const headers of [{}, { "x-admin-token": "wrong-token-wrong-token" }, { authorization: `Bearer ${E2E_SIM_ADMIN_TOKEN}` }] as Record<string, string>[]) {
      for (const path of ["complaints", "followups", "received", "faults"]) {
        const res = await request.get(`/lapor-sim/_admin/${path}`, { headers, failOnStatusCode: false });
        expect([401, 403], `${path} ${JSON.stringify(headers)}`).toContain(res.status());
        expect(await res.text()).not.toMatch(PERSONAL);
      }
      const switched = await request.post("/lapor-sim/_admin/faults", { headers, data: { unauthorized: true }, failOnStatusCode: false });
      expect([401, 403]).toContain(switched.status());
      const reset = await request.post("/lapor-sim/_admin/reset", { headers, data: {}, failOnStatusCode: false });
      expect([401, 403]).toContain(reset.status());
    }
    // Nothing was switched: with the token, the faults are as they were and the data is there.
    const faults = await request.get("/lapor-sim/_admin/faults", { headers: { "x-admin-token": E2E_SIM_ADMIN_TOKEN } });
    expect(faults.status()).toBe(200);
    expect(await faults.json()).toMatchObject({ unauthorized: false });
    const complaints = await request.get("/lapor-sim/_admin/complaints", { headers: { "x-admin-token": E2E_SIM_ADMIN_TOKEN } });
    expect(await complaints.text()).toMatch(PERSONAL);
  });

  test("the simulator's LAPOR API refuses the well-known default credentials", async ({ request }) => {
    for (const path of ["/lapor-sim/complaints/disposed?institution_id=2171", "/lapor-sim/masters/institutions/external"]) {
      const res = await request.get(path, { headers: { authorization: "Bearer sim-api-key", token: "sim-institution-token" }, failOnStatusCode: false });
      expect(res.status()).toBe(401);
      expect(await res.text()).not.toMatch(PERSONAL);
    }
  });

  test("the demo portal listens on 127.0.0.1 only", async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    test.skip(!external, "this machine has no non-loopback address");
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: external!, port: MAIN_PORT, timeout: 3000 });
      socket.once("connect", () => (socket.destroy(), resolve("connected")));
      socket.once("timeout", () => (socket.destroy(), resolve("timeout")));
      socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? "error"));
    });
    expect(outcome).not.toBe("connected");
  });
});
