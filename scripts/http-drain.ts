import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { Server as NetServer, type AddressInfo, type Socket } from "node:net";

/** How often, while draining, connections are looked at. */
const SWEEP_MS = 200;
/** A connection with nothing in flight is closed once it has been quiet this long (over two sweeps at least). */
const IDLE_MS = 400;
/** A connection that has sent part of a request and then nothing for this long is closed. */
const STALLED_MS = 5_000;
/** The longest the listener stays open after the signal to accept the connections already queued. */
const ACCEPT_QUEUED_MS = 3_000;

/**
 * How many connections wait in the kernel's accept queue of the listener on `port`: the Recv-Q of
 * a listening socket in /proc/net/tcp{,6} (what `ss -lt` shows). Linux only; null elsewhere.
 */
export function acceptQueueLength(port: number): number | null {
  let total: number | null = null;
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    total ??= 0;
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue …; state 0A is LISTEN.
      const f = line.trim().split(/\s+/);
      if (f.length < 5 || f[3] !== "0A" || Number.parseInt(f[1]!.split(":")[1]!, 16) !== port) continue;
      total += Number.parseInt(f[4]!.split(":")[1]!, 16) || 0;
    }
  }
  return total;
}

type Connection = {
  /** Requests received and not yet answered (pipelining allows more than one). */
  active: number;
  /** `bytesRead` when its last answer was done (0: none yet): more than that is a request arriving. */
  readAtRest: number;
  /** `bytesRead` and the time at the previous sweep, to tell quiet connections from busy ones. */
  lastRead: number;
  quietSince: number;
  quietSweeps: number;
};

export type DrainableServer = {
  server: Server;
  /**
   * Stops taking new connections and lets the requests in flight finish; connections with nothing
   * in flight are closed once quiet. Resolves with the number of connections still open at
   * `graceMs`, which are then cut (0 when everything finished in time).
   */
  drain: (graceMs: number) => Promise<number>;
};

/**
 * Follows every connection of `server` from its start, so that a stop can tell a connection with a
 * request in flight from an idle one by what it has *received*, not by what Node's parser has
 * read so far. (Node's own `server.close()` closes at once every connection whose parser has not
 * begun a request; with PGlite holding the thread, a connection accepted just before the signal
 * often has its first bytes still unread in the kernel, and was reset.)
 */
export function drainable(server: Server): DrainableServer {
  const connections = new Map<Socket, Connection>();
  server.on("connection", (socket: Socket) => {
    connections.set(socket, { active: 0, readAtRest: 0, lastRead: 0, quietSince: Date.now(), quietSweeps: 0 });
    socket.once("close", () => connections.delete(socket));
  });
  server.on("request", (req, res) => {
    // Kept here: once the answer is done, the request no longer holds its socket.
    const socket = req.socket;
    const c = connections.get(socket);
    if (!c) return;
    c.active++;
    res.once("close", () => {
      c.active--;
      c.readAtRest = socket.bytesRead;
    });
  });

  /** Closes the connections with nothing in flight that have stayed quiet; returns how many remain. */
  const sweep = (now: number): number => {
    for (const [socket, c] of connections) {
      const read = socket.bytesRead;
      if (read !== c.lastRead || c.active > 0) {
        c.lastRead = read;
        c.quietSince = now;
        c.quietSweeps = 0;
        continue;
      }
      c.quietSweeps++;
      const quiet = now - c.quietSince;
      // Nothing received since its last answer: idle. Part of a request received: arriving, or stalled.
      const limit = read === c.readAtRest ? IDLE_MS : STALLED_MS;
      if (c.quietSweeps >= 2 && quiet >= limit) socket.destroy();
    }
    return connections.size;
  };

  const drain = (graceMs: number) =>
    new Promise<number>((resolve) => {
      let settled = false;
      const finish = (cut: number) => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        clearTimeout(deadline);
        resolve(cut);
      };
      const timer = setInterval(() => {
        if (sweep(Date.now()) === 0 && !server.listening) finish(0);
      }, SWEEP_MS);
      const deadline = setTimeout(() => {
        const open = connections.size;
        for (const socket of connections.keys()) socket.destroy();
        finish(open);
      }, graceMs);
      // The connections the kernel had already taken when the signal came are accepted before
      // the listener closes (closing it resets them). libuv accepts one connection per turn of
      // the event loop, and PGlite may hold the thread for long turns, so a client's connection
      // can wait in the queue for seconds; it is served, one that came after the signal is not.
      const port = (server.address() as AddressInfo | null)?.port;
      // In a cluster's serving process the supervisor holds the listener and accepts for it.
      const queueNow = () => (port === undefined || cluster.isWorker ? null : acceptQueueLength(port));
      let queued = queueNow();
      const since = Date.now();
      // The queue is first in, first out: once those are taken, a connection still accepted before
      // the listener closes came after the signal, and is closed unanswered, as if refused.
      const countAccepted = (socket: Socket) => {
        if (queued === null) return;
        if (queued-- <= 0) socket.destroy();
      };
      server.on("connection", countAccepted);
      // Looked at in the check phase, after each poll phase (where connections are accepted);
      // closed through net's close, since http's would also close every connection that has not
      // begun a request, whose first bytes may still be unread.
      const closeWhenAccepted = () => {
        if (queued !== null && queued > 0 && (queueNow() ?? 0) > 0 && Date.now() - since < ACCEPT_QUEUED_MS) return void setImmediate(closeWhenAccepted);
        server.off("connection", countAccepted);
        NetServer.prototype.close.call(server, () => finish(0));
      };
      setImmediate(closeWhenAccepted);
    });

  return { server, drain };
}
