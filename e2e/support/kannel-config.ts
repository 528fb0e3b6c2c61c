/**
 * Where the end-to-end suite's Kannel listens, derived from E2E_PORT so two checkouts never
 * collide (3100 → 13100…13103), and what the main e2e server is told about it (e2e/support/serve.ts).
 * No Playwright imports: serve.ts loads this in the server process.
 */
export function kannelPorts(mainPort: number) {
  const base = mainPort + 10_000;
  return { admin: base, smsbox: base + 1, sendsms: base + 2, fakeSmsc: base + 3 };
}

export const E2E_SMS_KEY = "e2e-sms-inbound-key-0123456789";
export const E2E_SENDSMS_USER = { username: "pintu", password: "pintu-e2e-sms" };

/** The SMS_OUTBOUND_URL of the main e2e server: Kannel's sendsms of the spec's Kannel. */
export function e2eOutboundUrl(mainPort: number): string {
  const { sendsms } = kannelPorts(mainPort);
  return `http://127.0.0.1:${sendsms}/cgi-bin/sendsms?username=${E2E_SENDSMS_USER.username}&password=${E2E_SENDSMS_USER.password}&from=1708&charset=UTF-8&to={to}&text={text}`;
}
