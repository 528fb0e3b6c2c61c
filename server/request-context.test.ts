import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddressFrom, resolveClientAddress, type TrustProxy } from "@/lib/forwarded";
import { recordPeer } from "./request-context";

const none: TrustProxy = { hops: 0 };
const one: TrustProxy = { hops: 1 };
const two: TrustProxy = { hops: 2 };
const lb: TrustProxy = { list: ["10.0.0.0/8", "192.168.1.5", "fd00::/8"] };

/** What the app sees of X-Forwarded-For under `npm start`: scripts/start.ts appended the peer (recordPeer). */
function underNpmStart(peer: string, sent: string | undefined): string {
  const req = { headers: sent === undefined ? {} : { "x-forwarded-for": sent }, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
  recordPeer(req);
  return req.headers["x-forwarded-for"] as string;
}
/** …and under plain `next start`: Next sets the header to the peer only when the client sent none. */
const underNextStart = (peer: string, sent: string | undefined) => sent ?? peer;

describe("clientAddressFrom (the one rule of both servers)", () => {
  const peers = ["203.0.113.7", "::ffff:198.51.100.4", "10.0.0.2", "192.168.1.5", "2001:db8::5", "fd00::1"];
  const sent = [undefined, "", "1.2.3.4", "6.6.6.6, 203.0.113.9", "nonsense", "10.1.1.1, 192.168.1.5", "2001:db8::9, 10.0.0.3", "  , 5.5.5.5"];

  it("under npm start equals the rule on the socket address, for every trust setting", () => {
    for (const trust of [none, one, two, lb])
      for (const peer of peers)
        for (const xff of sent) expect(clientAddressFrom(underNpmStart(peer, xff), trust, true), `${JSON.stringify(trust)} ${peer} ${xff}`).toBe(resolveClientAddress(peer, xff, trust));
  });

  it("under next start without a trusted proxy is unknown, whatever the client sends (fail closed)", () => {
    for (const peer of peers) for (const xff of sent) expect(clientAddressFrom(underNextStart(peer, xff), none, false)).toBe("unknown");
  });

  it("under next start with a list of proxies is unknown too: the peer cannot be checked against the list", () => {
    expect(clientAddressFrom("203.0.113.7, 10.0.0.2", lb, false)).toBe("unknown");
  });

  it("behind a number of proxies is the same under both servers", () => {
    // nginx (10.0.0.2) appended the address it received the request from; the client forged the rest.
    for (const xff of ["203.0.113.7", "6.6.6.6, 203.0.113.7", "nonsense, 203.0.113.7"]) {
      expect(clientAddressFrom(underNpmStart("10.0.0.2", xff), one, true)).toBe("203.0.113.7");
      expect(clientAddressFrom(underNextStart("10.0.0.2", xff), one, false)).toBe("203.0.113.7");
    }
    // Two proxies: the outer one (10.0.0.1) appended the client, the inner one (10.0.0.2) the outer one.
    expect(clientAddressFrom(underNpmStart("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1"), two, true)).toBe("203.0.113.7");
    expect(clientAddressFrom(underNextStart("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1"), two, false)).toBe("203.0.113.7");
  });

  it("never takes an address a client forged when the peer was recorded", () => {
    expect(clientAddressFrom(underNpmStart("203.0.113.7", "1.1.1.1"), none, true)).toBe("203.0.113.7");
    expect(clientAddressFrom(underNpmStart("198.51.100.4", "10.0.0.2, 203.0.113.7"), lb, true)).toBe("198.51.100.4");
  });
});
