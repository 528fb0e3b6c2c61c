import { spawn } from "node:child_process";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const url = process.env.TEST_DATABASE_URL;
const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * A proxy in front of PostgreSQL that resets each client connection when it sends its second
 * message: the startup went through, and the driver's first statement (the array-type fetch) is
 * what meets the reset, as when PostgreSQL goes away right as the pool reconnects.
 */
async function resettingProxy(target: URL) {
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    let messages = 0;
    client.on("data", (chunk) => {
      if (++messages === 2) {
        client.resetAndDestroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    upstream.on("close", () => client.destroy());
    client.on("error", () => {});
    upstream.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

describe.skipIf(!url)("a connection lost while postgres.js reads the array types", () => {
  it("fails the query as a connection error and the process lives on", async () => {
    const target = new URL(url!);
    const proxy = await resettingProxy(target);
    try {
      const proxied = new URL(url!);
      proxied.hostname = "127.0.0.1";
      proxied.port = String(proxy.port);
      const child = spawn(process.execPath, ["--import", "tsx", "test/array-types-child.ts"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: proxied.toString() },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(stdout, stderr).toContain("query failed ECONNRESET");
      expect(stdout, stderr).toContain("alive");
      expect(code, stderr).toBe(0);
      expect(stderr).toContain("reading array types");
    } finally {
      proxy.close();
    }
  }, 60_000);
});
