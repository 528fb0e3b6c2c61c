import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { acceptQueueLength, drainable } from "./http-drain";

/**
 * The graceful stop's connection drain on a real HTTP server. The clients run in a worker thread,
 * so the server's thread can be held (as PGlite holds it) while they connect and send: their
 * connections then wait in the kernel's accept queue when the drain begins.
 */

const BODY = JSON.stringify({ title: "x".repeat(400) });

/** Answers 201 with the body's length once the whole body has arrived. */
function uploadServer(): Server {
  return createServer((req, res) => {
    let n = 0;
    req.on("data", (c: Buffer) => (n += c.length));
    req.on("end", () => res.writeHead(201, { "content-type": "text/plain" }).end(String(n)));
  });
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

/** Holds this thread (no event loop turn) until `flag[0]` becomes 1 or `ms` pass. */
function holdThread(flag: Int32Array, ms: number): void {
  Atomics.wait(flag, 0, 0, ms);
}

/**
 * A worker thread that opens `count` connections to `port`, sends the headers and half the body
 * of a POST on each, sets `flag[0] = 1`, then after `restMs` sends the rest and reports each
 * answer's status line (or the error) as a message.
 */
function slowUploads(port: number, count: number, flag: Int32Array, restMs: number): Worker {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const net = require("node:net");
    const { port, count, flag, restMs, body } = workerData;
    const head = "POST /upload HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\nContent-Length: " + Buffer.byteLength(body) + "\\r\\n\\r\\n";
    const half = Math.floor(body.length / 2);
    let sent = 0;
    for (let i = 0; i < count; i++) {
      const s = net.connect(port, "127.0.0.1");
      let answer = "";
      s.on("data", (c) => (answer += c));
      let error = "";
      s.on("error", (e) => (error = e.code));
      s.on("close", () => parentPort.postMessage(answer ? answer.split("\\r\\n")[0] : "no answer" + (error ? " " + error : "")));
      s.on("connect", () => s.write(head + body.slice(0, half), () => {
        if (++sent === count) { Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); }
        setTimeout(() => s.end(body.slice(half)), restMs);
      }));
    }`;
  return new Worker(code, { eval: true, workerData: { port, count, flag, restMs, body: BODY } });
}

function messages(worker: Worker, count: number): Promise<string[]> {
  const got: string[] = [];
  return new Promise((resolve) =>
    worker.on("message", (m: string) => {
      got.push(m);
      if (got.length === count) resolve(got.sort());
    }),
  );
}

/** Whether a new connection is refused (the listener is closed). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(false)));
    s.once("error", () => resolve(true));
  });
}

describe("draining the HTTP server on stop", () => {
  let server: Server | undefined;
  let worker: Worker | undefined;
  afterEach(async () => {
    await worker?.terminate();
    server?.closeAllConnections();
    server?.close();
  });

  it("serves uploads whose connections still waited in the accept queue at the signal; refuses new connections", async () => {
    server = uploadServer();
    const port = await listen(server);
    const d = drainable(server);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    worker = slowUploads(port, 3, flag, 300);
    const answers = messages(worker, 3);
    // This thread is held while the clients connect and send, so nothing is accepted yet.
    holdThread(flag, 10_000);
    if (process.platform === "linux") expect(acceptQueueLength(port)).toBe(3);
    const drained = d.drain(10_000);
    // And then busy in long turns, as with PGlite's queries (libuv accepts one connection a turn).
    const busy = setInterval(() => holdThread(new Int32Array(new SharedArrayBuffer(4)), 80), 1);
    try {
      await new Promise((r) => setTimeout(r, 600));
      expect(await refused(port)).toBe(true);
      expect(await answers).toEqual(["HTTP/1.1 201 Created", "HTTP/1.1 201 Created", "HTTP/1.1 201 Created"]);
    } finally {
      clearInterval(busy);
    }
    expect(await drained).toBe(0);
  });

  it("closes idle keep-alive connections at once and waits for the busy one", async () => {
    server = uploadServer();
    const port = await listen(server);
    const d = drainable(server);
    // An idle keep-alive connection (one request answered).
    const idle = connect(port, "127.0.0.1");
    const idleClosed = new Promise<void>((resolve) => idle.once("close", () => resolve()));
    idle.on("error", () => {});
    await new Promise<void>((resolve) => {
      idle.once("data", () => resolve());
      idle.write(`POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`);
    });
    // A busy one: half a body sent.
    const flag = new Int32Array(new SharedArrayBuffer(4));
    worker = slowUploads(port, 1, flag, 1_500);
    const answers = messages(worker, 1);
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    const drained = d.drain(10_000);
    await idleClosed;
    expect(Date.now() - t0).toBeLessThan(1_500);
    expect(await answers).toEqual(["HTTP/1.1 201 Created"]);
    expect(await drained).toBe(0);
  });

  it("cuts what is still busy at the deadline and says how many", async () => {
    server = uploadServer();
    const port = await listen(server);
    const d = drainable(server);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    worker = slowUploads(port, 2, flag, 60_000);
    const answers = messages(worker, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(await d.drain(1_000)).toBe(2);
    expect((await answers).every((a) => a.startsWith("no answer"))).toBe(true);
  });
});
