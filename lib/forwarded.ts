import { BlockList, isIP } from "node:net";

/**
 * Which proxies in front of Pintu are trusted to say who the client is (`TRUST_PROXY`):
 * - `hops`: that many proxies, counted from the right of `X-Forwarded-For` (each proxy appends
 *   the address it received the request from; 0 = no proxy, the socket address is the client);
 * - `list`: proxies by address or CIDR; walking from the socket address leftwards, every trusted
 *   address is skipped and the first other one is the client.
 * Either way only entries our own proxies appended count: whatever the client wrote itself stands
 * left of them and is never reached (a forged entry cannot change the address).
 */
export type TrustProxy = { hops: number } | { list: string[] };

const FLAGS: Record<string, number> = { "": 0, false: 0, off: 0, no: 0, true: 1, on: 1, yes: 1 };

/** Parses `TRUST_PROXY`: a number of proxies, on/off (= 1/0), or a comma-separated list of addresses and CIDRs. */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  const v = (value ?? "").trim().toLowerCase();
  if (v in FLAGS) return { hops: FLAGS[v]! };
  if (/^\d+$/.test(v)) return Number(v) <= 16 ? { hops: Number(v) } : "must be a number of proxies from 0 to 16, or a list of addresses/CIDRs";
  const list = v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const entry of list) if (!parseCidr(entry)) return `must be a number of proxies or a comma-separated list of addresses/CIDRs (not "${entry.slice(0, 60)}")`;
  return { list };
}

function parseCidr(entry: string): { address: string; prefix: number; type: "ipv4" | "ipv6" } | null {
  const [address = "", prefixText] = entry.split("/");
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d+$/.test(prefixText) ? Number(prefixText) : -1;
  if (prefix < 0 || prefix > max) return null;
  return { address, prefix, type: family === 4 ? "ipv4" : "ipv6" };
}

/** `::ffff:10.0.0.1` (an IPv4 client of a dual-stack socket) → `10.0.0.1`. */
export function normaliseAddress(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

const lists = new Map<string, BlockList>();

function blockList(list: string[]): BlockList {
  const key = list.join(",");
  let blocks = lists.get(key);
  if (!blocks) {
    blocks = new BlockList();
    for (const entry of list) {
      const c = parseCidr(entry)!;
      blocks.addSubnet(c.address, c.prefix, c.type);
    }
    lists.set(key, blocks);
  }
  return blocks;
}

function trusted(blocks: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && blocks.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Whether the socket's peer is one of our trusted proxies (so its X-Forwarded-For and X-Request-Id count). */
export function isTrustedPeer(socketAddress: string | undefined, trust: TrustProxy): boolean {
  if ("hops" in trust) return trust.hops > 0;
  return trusted(blockList(trust.list), normaliseAddress(socketAddress ?? ""));
}

/**
 * The client's address: the socket's peer, or, behind trusted proxies, the entry of
 * `X-Forwarded-For` our nearest untrusted hop appended. Malformed entries end the walk at the
 * last address known good (never an address the client chose).
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy): string {
  const socket = normaliseAddress(socketAddress ?? "") || "unknown";
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = header.split(",").map(normaliseAddress).filter(Boolean);
  // From the nearest hop leftwards: the socket's peer, then what each proxy appended.
  const chain = [socket, ...entries.reverse()];
  if ("hops" in trust) {
    let i = 0;
    while (i < trust.hops && i + 1 < chain.length && isIP(chain[i + 1]!) !== 0) i++;
    return chain[i]!;
  }
  const blocks = blockList(trust.list);
  let i = 0;
  while (trusted(blocks, chain[i]!) && i + 1 < chain.length && isIP(chain[i + 1]!) !== 0) i++;
  return chain[i]!;
}

/**
 * The client's address from a request's headers alone, by one rule under `npm start` and
 * `next start`. `peerRecorded`: the server appended the socket's peer to `X-Forwarded-For` as its
 * last entry, as a proxy would (scripts/start.ts does: `recordPeer`). Without it — plain
 * `next start`, which sets the header to the peer only when a client sent none, so it cannot be
 * told from a forged one — the peer is unknown: with no trusted proxy, or with a list of them (the
 * peer must be checked against the list), the address is "unknown" (fail closed); behind a
 * number of proxies it is the entry the nearest untrusted hop appended, as under `npm start`.
 */
export function clientAddressFrom(forwardedFor: string | null | undefined, trust: TrustProxy, peerRecorded: boolean): string {
  const entries = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const peer = peerRecorded ? entries.pop() : undefined;
  return resolveClientAddress(peer, entries.join(","), trust);
}
