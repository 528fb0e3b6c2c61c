import { HaltChannel, PermanentFailure, RetryAfter } from "@/queue/registry";

/** Fills `{to}` and `{text}` of the gateway's URL template, each URL-encoded (Kannel `sendsms` style). */
function outboundUrl(template: string, to: string, text: string): string {
  return template.replaceAll("{to}", encodeURIComponent(to)).replaceAll("{text}", encodeURIComponent(text));
}

/**
 * Sends one SMS with an HTTP GET to the gateway. Success is any 2xx (Kannel answers `202 0:
 * Accepted for delivery`). 429 waits as told; 401/403 halts the `sms` channel (wrong
 * credentials: retrying each message cannot help); another 4xx is the message's fault (dead
 * letter); 5xx and network errors are retried. Errors never carry the URL: it holds the number
 * and the gateway's password.
 */
export async function sendSms(template: string, to: string, text: string, signal?: AbortSignal): Promise<{ status: number; answer: string }> {
  let res: Response;
  try {
    res = await fetch(outboundUrl(template, to, text), { signal, redirect: "error" });
  } catch (err) {
    throw new Error(`SMS gateway unreachable: ${err instanceof Error ? (err.cause as Error | undefined)?.message ?? err.message : String(err)}`);
  }
  const answer = (await res.text().catch(() => "")).slice(0, 200);
  if (res.ok) return { status: res.status, answer };
  if (res.status === 429) {
    const seconds = Number(res.headers.get("retry-after"));
    throw new RetryAfter(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000, `SMS gateway asked to wait (429)`);
  }
  if (res.status === 401 || res.status === 403) throw new HaltChannel("sms", `SMS gateway refused the credentials (${res.status})`);
  if (res.status >= 400 && res.status < 500) throw new PermanentFailure(`SMS gateway rejected the message (${res.status}: ${answer})`);
  throw new Error(`SMS gateway failed (${res.status})`);
}
