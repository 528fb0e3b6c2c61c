import { request as httpRequest } from "node:http";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { unique, validComplaint } from "./support/data";
import { ComplaintFormPage, snapshot } from "./support/pages";
import { E2E_SERVER, LIMITED_PORT, LIMITED_RATE, LIMITED_URL } from "./support/servers";

/**
 * Runs against the second server, whose limit is LIMITED_RATE public writes per minute per
 * client address. The limit counts in fixed one-minute windows, so each test first makes sure
 * enough of the current window is left for what it does.
 */
async function awaitFreshWindow(secondsNeeded: number): Promise<void> {
  const intoMinute = (Date.now() % 60_000) / 1000;
  if (intoMinute > 60 - secondsNeeded) await new Promise((r) => setTimeout(r, (60 - intoMinute + 0.5) * 1000));
}

/** Spends this client's allowance on the limited server (invalid posts count too). */
async function exhaustAllowance(request: APIRequestContext, baseURL: string): Promise<void> {
  for (let i = 0; i < LIMITED_RATE + 2; i++) {
    const res = await request.post(`${baseURL}/api/v1/complaints`, { data: {} });
    if (res.status() === 429) return;
  }
  throw new Error("the rate limit never answered 429");
}

/** A POST sent from a chosen local address (Playwright's request fixture cannot choose one). */
function postFrom(local: { host: string; localAddress?: string }, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = httpRequest(
      { host: local.host, localAddress: local.localAddress, port: LIMITED_PORT, path, method: "POST", headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(data) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            // Not JSON; the status says enough.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
        });
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

/**
 * The browser tests share 127.0.0.1's allowance on the limited server; this test counts from a
 * clean slate by coming from another loopback address: ::1, or 127.0.0.2 where IPv6 is off.
 */
async function otherClient(): Promise<{ host: string; localAddress?: string }> {
  const ipv6 = { host: "::1" };
  try {
    // Any answer will do: this only checks that the server is reachable over IPv6.
    await postFrom(ipv6, "/api/health", {});
    return ipv6;
  } catch {
    return { host: "127.0.0.1", localAddress: "127.0.0.2" };
  }
}

test("the fourth write within a minute is refused with 429 and Retry-After", { tag: "@api" }, async ({ request }) => {
  const client = await otherClient();
  await awaitFreshWindow(20);
  for (let i = 1; i <= LIMITED_RATE; i++) {
    const res = await postFrom(client, "/api/v1/complaints", validComplaint());
    expect(res.status, `write ${i} of ${LIMITED_RATE}`).toBe(201);
  }
  const refused = await postFrom(client, "/api/v1/complaints", validComplaint());
  expect(refused.status).toBe(429);
  const retryAfter = String(refused.headers["retry-after"]);
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  expect(refused.json).toMatchObject({ error: "rate_limited" });

  // A forged X-Forwarded-For (or the address header an earlier version trusted) is not another client.
  const forgeries: Record<string, string>[] = [{ "x-forwarded-for": "198.51.100.7" }, { "x-forwarded-for": "198.51.100.8, 127.0.0.9" }, { "x-pintu-client-address": "198.51.100.9", "x-pintu-client-proof": "x" }];
  for (const forged of forgeries) {
    expect((await postFrom(client, "/api/v1/complaints", validComplaint(), forged)).status, JSON.stringify(forged)).toBe(429);
  }
  // Another client has its own allowance under `npm start`; under plain `next start` without
  // TRUST_PROXY no client's address is known, so all share one bucket (fail closed).
  const third = await postFrom({ host: "127.0.0.1", localAddress: "127.0.0.3" }, "/api/v1/complaints", validComplaint());
  expect(third.status).toBe(E2E_SERVER === "next" ? 429 : 201);

  // Reading is not limited.
  expect((await request.get(`${LIMITED_URL}/api/health`)).status()).toBe(200);
  expect((await request.get(`${LIMITED_URL}/api/v1/categories`)).status()).toBe(200);
});

test("the form shows the rate-limit message and keeps what was typed", async ({ page, request }, testInfo) => {
  const form = new ComplaintFormPage(page);
  await awaitFreshWindow(30);
  await form.goto(LIMITED_URL);
  const title = `Parkir liar ${unique()}`;
  await form.fillRequired(title);
  await exhaustAllowance(request, LIMITED_URL);
  await form.submit.click();

  await expect(form.alert).toContainText(/Terlalu banyak kiriman dari jaringan Anda\. Coba lagi dalam \d+ detik\./);
  await expect(form.title).toHaveValue(title);
  await expect(form.heading).toHaveText("Buat aduan");
  await snapshot(page, testInfo, "rate-limited");
});
