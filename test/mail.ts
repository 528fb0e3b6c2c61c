import { SMTPServer } from "smtp-server";

/** Reading raw e-mails captured by a test SMTP server (vitest and the e2e suite). */

/** Subject and text body of a raw single-part message (headers unfolded, quoted-printable or base64 decoded). */
export function readMail(raw: string): { subject: string; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const subjectLine = /^Subject: (.*)$/im.exec(headers)?.[1] ?? "";
  // RFC 2047 encoded words, as nodemailer writes a non-ASCII subject.
  const subject = subjectLine.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQp(text.replace(/_/g, " ")),
  ).trim();
  const body = raw.slice(split + 4).replace(/\r\n/g, "\n");
  if (/content-transfer-encoding: base64/i.test(headers)) return { subject, body: Buffer.from(body, "base64").toString("utf8") };
  return { subject, body: /content-transfer-encoding: quoted-printable/i.test(headers) ? decodeQp(body) : body };
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, "");
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "=" && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** A real SMTP server on 127.0.0.1:`port` (0: any free port) handing each message to `onMail`. */
export async function startSmtp(port: number, onMail: (to: string, raw: string) => void): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        onMail(session.envelope.rcptTo.map((r) => r.address).join(","), Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}
