import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { E2E_SENDSMS_USER, E2E_SMS_KEY, kannelPorts } from "./kannel-config";

/**
 * The real SMS gateway for the end-to-end suite: Kannel's bearerbox and smsbox, configured in a
 * temp dir, with the fake SMSC (`fakesmsc`, from kannel-extras) standing in for the operator.
 * The sms-service calls the portal with the contract's get-url; the portal's notifications come
 * in through smsbox's sendsms. Every child is killed on stop() and when the test process exits.
 */

const BEARERBOX = "/usr/sbin/bearerbox";
const SMSBOX = "/usr/sbin/smsbox";
const FAKESMSC = "/usr/lib/kannel/test/fakesmsc";

/** Why Kannel cannot run here, or null when it can. */
export function kannelMissing(): string | null {
  const missing = [BEARERBOX, SMSBOX, FAKESMSC].filter((f) => !existsSync(f));
  return missing.length ? `Kannel is not installed (${missing.join(", ")} missing): apt-get install -y kannel kannel-extras` : null;
}

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});

function start(cmd: string, args: string[], log: string[]): ChildProcess {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  for (const s of [child.stdout!, child.stderr!]) s.on("data", (d: Buffer) => log.push(...d.toString("utf8").split("\n").filter(Boolean)));
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

async function waitForPort(port: number, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`${what} did not open port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function config(dir: string, portalUrl: string, mainPort: number): string {
  const p = kannelPorts(mainPort);
  const getUrl = `${portalUrl}/api/sms/inbound?key=${E2E_SMS_KEY}&from=%p&to=%P&text=%a&id=%I`;
  return `group = core
admin-port = ${p.admin}
admin-password = e2e
admin-interface = 127.0.0.1
admin-allow-ip = "127.0.0.1"
smsbox-port = ${p.smsbox}
smsbox-interface = 127.0.0.1
box-allow-ip = "127.0.0.1"
log-file = "${dir}/bearerbox.log"
log-level = 1

group = smsc
smsc = fake
smsc-id = FAKE
port = ${p.fakeSmsc}
connect-allow-ip = "127.0.0.1"

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = ${p.smsbox}
sendsms-port = ${p.sendsms}
sendsms-interface = 127.0.0.1
log-file = "${dir}/smsbox.log"
log-level = 1

group = sendsms-user
username = ${E2E_SENDSMS_USER.username}
password = ${E2E_SENDSMS_USER.password}
user-allow-ip = "127.0.0.1"
max-messages = 1

group = sms-service
keyword = default
get-url = "${getUrl}"
max-messages = 1
omit-empty = true
`;
}

/** One phone on the fake SMSC: sends its messages, collects what the network delivers to it. */
type FakePhone = {
  /** Waits for the next SMS delivered to the fake SMSC (after those already taken). */
  nextDelivered: (timeoutMs?: number) => Promise<{ from: string; to: string; text: string }>;
  /** Waits for an SMS delivered to the fake SMSC that `match` accepts, whatever came before or between. */
  deliveredMatching: (match: (sms: { from: string; to: string; text: string }) => boolean, timeoutMs?: number) => Promise<{ from: string; to: string; text: string }>;
  stop: () => Promise<void>;
};

export type Kannel = {
  /** Connects a fake SMSC client that sends each `"<from> <to> text <message>"` once, in order. */
  phone: (messages: string[]) => Promise<FakePhone>;
  /** Everything bearerbox and smsbox logged, for failure messages. */
  logs: () => string;
  stop: () => Promise<void>;
};

/**
 * One Kannel per e2e portal at a time (its ports are fixed): specs of parallel Playwright
 * workers take turns through a lock directory holding the owner's pid (a dead owner's lock is taken over).
 */
async function lockKannel(mainPort: number, timeoutMs = 240_000): Promise<() => void> {
  const dir = path.join(os.tmpdir(), `pintu-kannel-${mainPort}.lock`);
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(path.join(dir, "pid"), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch {
      const owner = Number(existsSync(path.join(dir, "pid")) ? readFileSync(path.join(dir, "pid"), "utf8") : "0");
      let alive = owner === 0;
      try {
        if (owner) alive = (process.kill(owner, 0), true);
      } catch {
        alive = false;
      }
      if (!alive) rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`Kannel of port ${mainPort} still used by process ${owner} after ${timeoutMs} ms`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Starts bearerbox and smsbox for the portal at `portalUrl` and waits until both listen. */
export async function startKannel(portalUrl: string, mainPort: number): Promise<Kannel> {
  const unlock = await lockKannel(mainPort);
  const dir = mkdtempSync(path.join(os.tmpdir(), "pintu-kannel-"));
  const file = path.join(dir, "kannel.conf");
  writeFileSync(file, config(dir, portalUrl, mainPort));
  const p = kannelPorts(mainPort);
  const out: string[] = [];
  const boxes: ChildProcess[] = [];
  const logs = () =>
    ["bearerbox.log", "smsbox.log"].map((f) => (existsSync(path.join(dir, f)) ? `--- ${f}\n${readFileSync(path.join(dir, f), "utf8").slice(-4000)}` : "")).join("\n") +
    `\n--- output\n${out.slice(-40).join("\n")}`;
  const stop = async () => {
    for (const c of [...boxes].reverse()) await stopChild(c);
    rmSync(dir, { recursive: true, force: true });
    unlock();
  };
  try {
    boxes.push(start(BEARERBOX, [file], out));
    await waitForPort(p.smsbox, "bearerbox");
    await waitForPort(p.fakeSmsc, "bearerbox's fake SMSC");
    boxes.push(start(SMSBOX, [file], out));
    await waitForPort(p.sendsms, "smsbox");
  } catch (err) {
    const text = logs();
    await stop();
    throw new Error(`${(err as Error).message}\n${text}`, { cause: err });
  }

  const phone = async (messages: string[]): Promise<FakePhone> => {
    const lines: string[] = [];
    // -i: one message at a time, in order of the arguments is not guaranteed, so one per phone is usual.
    const child = start(FAKESMSC, ["-H", "127.0.0.1", "-r", String(p.fakeSmsc), "-i", "0.5", "-m", String(messages.length), ...messages], lines);
    boxes.push(child);
    let taken = 0;
    const delivered = () =>
      lines
        .map((l) => /Got message \d+: <(\S+) (\S+) text ([\s\S]*)>$/.exec(l))
        .filter((m) => m !== null)
        .map((m) => ({ from: m[1]!, to: m[2]!, text: m[3]! }));
    const waitFor = async <T>(pick: (got: ReturnType<typeof delivered>) => T | undefined, timeoutMs: number): Promise<T> => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = pick(delivered());
        if (found !== undefined) return found;
        if (Date.now() > until) throw new Error(`no SMS reached the fake SMSC within ${timeoutMs} ms\n${lines.slice(-20).join("\n")}\n${logs()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const nextDelivered = (timeoutMs = 20_000) => waitFor((got) => (got.length > taken ? got[taken++] : undefined), timeoutMs);
    const deliveredMatching = (match: (sms: { from: string; to: string; text: string }) => boolean, timeoutMs = 30_000) => waitFor((got) => got.find(match), timeoutMs);
    return { nextDelivered, deliveredMatching, stop: () => stopChild(child) };
  };

  return { phone, logs, stop };
}
