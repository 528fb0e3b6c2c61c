import nodemailer, { type Transporter } from "nodemailer";
import { HaltChannel, PermanentFailure } from "@/queue/registry";

const transports = new Map<string, Transporter>();

function transport(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

export type Mail = { from: string; to: string; subject: string; text: string; messageId: string };

/**
 * Sends one e-mail through SMTP (`SMTP_URL`, e.g. `smtp://user:pass@mail.example:587`). The
 * message id is derived from the event, so a retry after a lost acknowledgement is recognisable
 * as the same message. Authentication failures halt the `email` channel; a permanent SMTP
 * rejection (5xx) is a dead letter; anything else is retried.
 */
export async function sendMail(url: string, mail: Mail): Promise<{ accepted: number; response: string }> {
  try {
    const info = await transport(url).sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    return { accepted: info.accepted.length, response: String(info.response ?? "").slice(0, 200) };
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; message?: string };
    if (e.code === "EAUTH") throw new HaltChannel("email", "SMTP server refused the credentials");
    if (typeof e.responseCode === "number" && e.responseCode >= 500) throw new PermanentFailure(`SMTP server rejected the message (${e.responseCode})`);
    throw new Error(`SMTP delivery failed: ${e.code ?? e.responseCode ?? "error"}`);
  }
}
