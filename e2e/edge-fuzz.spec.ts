import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { generate } from "./support/fuzz-requests";
import { MAIN_PORT } from "./support/servers";

/**
 * Issue 12 item 9: a few hundred generated bad requests (methods, headers, paths, bodies), sent
 * over raw sockets so nothing in between tidies them up, to the running server. None may get a
 * 5xx, and the server must still be healthy afterwards. The generator is seeded: a failure
 * names the request, and the same run can be repeated.
 */

const COUNT = 320;
const CONCURRENCY = 4;

/** Sends one raw request; resolves with the status code of the answer (0 if the server only closed). */
function send(raw: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(MAIN_PORT, "127.0.0.1");
    let answer = "";
    socket.setEncoding("latin1");
    socket.setTimeout(30_000, () => (socket.destroy(), reject(new Error("no answer within 30 s"))));
    socket.on("data", (c: string) => {
      answer += c;
      // The status line is all we need; the answer may be long (a rendered page).
      if (/\r\n/.test(answer)) socket.destroy();
    });
    socket.on("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNRESET" ? resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)) : reject(err)));
    socket.on("close", () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.write(raw);
  });
}

test("a few hundred malformed requests: none is answered with a 5xx, and the server stays healthy @api", async ({ request }) => {
  test.setTimeout(600_000);
  const requests = generate(COUNT, MAIN_PORT);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const status = await send(r.raw).catch((err: Error) => (failures.push(`${r.description} → ${err.message}`), -1));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500) failures.push(`${r.description} → ${status}`);
      }
    }),
  );
  console.log(`fuzz: ${COUNT} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
  expect(failures).toEqual([]);
  expect((await request.get("/api/health/live")).status()).toBe(200);
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).db).toBe("ok");
  expect((await request.get("/")).status()).toBe(200);
});
