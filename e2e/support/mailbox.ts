import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SMTPServer } from "smtp-server";
import { readMail, startSmtp } from "@/test/mail";

/**
 * The end-to-end suite's mail server: a real SMTP server beside each e2e portal (port + 20000)
 * that keeps every message it receives as one JSON line in `<os tmpdir>/pintu-e2e-<port>-mail.jsonl`
 * (emptied at start), where a spec waits for the mail sent to an address. No Playwright imports:
 * serve.ts starts it in the server process.
 */

export const smtpPort = (portalPort: number) => portalPort + 20_000;
const mailFile = (portalPort: number) => path.join(os.tmpdir(), `pintu-e2e-${portalPort}-mail.jsonl`);

export type CapturedMail = { to: string; subject: string; body: string };

export async function startMailbox(portalPort: number): Promise<SMTPServer> {
  const file = mailFile(portalPort);
  writeFileSync(file, "");
  return startSmtp(smtpPort(portalPort), (to, raw) => appendFileSync(file, `${JSON.stringify({ to, ...readMail(raw) } satisfies CapturedMail)}\n`));
}

/** Every mail captured so far for the portal on `portalPort`. */
export function capturedMail(portalPort: number): CapturedMail[] {
  const file = mailFile(portalPort);
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as CapturedMail) : [];
}

/** Waits for the first mail to `to` (case-insensitive) that `match` accepts. */
export async function waitForMail(portalPort: number, to: string, match: (m: CapturedMail) => boolean = () => true, timeoutMs = 30_000): Promise<CapturedMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const file = mailFile(portalPort);
    const mails = existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as CapturedMail) : [];
    const found = mails.find((m) => m.to.toLowerCase() === to.toLowerCase() && match(m));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${to} within ${timeoutMs} ms (${mails.length} mails captured)`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
