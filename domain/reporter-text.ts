import type { Role } from "./complaint-status";
import { identityVisibility } from "./permissions";
import { redactIdentity, type ReporterIdentity } from "./redact";

/** A complaint's anonymity and recorded reporter, as lists and pages select them. */
export type AnonymityFacts = { anonymous: boolean } & ReporterIdentity;

/**
 * How a staff member sees what the reporter wrote (title, body, address, replies, rating
 * comment). For an anonymous complaint, whoever may not see the identity (OPD officers and
 * heads, auditors) gets the text with contact data and the reporter's name removed, so an
 * identity the citizen typed into the body does not undo the anonymity; a coordinator or admin
 * sees the original (revealing the identity itself stays the audited reveal).
 */
export function reporterTextFor(role: Role, c: AnonymityFacts): (text: string) => string {
  if (identityVisibility(role, c.anonymous) !== "hidden") return (s) => s;
  return (s) => redactIdentity(s, c);
}

/** A row as lists show it: no identity fields left. */
export type Listed<T> = Omit<T, keyof ReporterIdentity>;

/** A list row as this staff member may see it: title redacted as above, identity fields dropped. */
export function listRowFor<T extends AnonymityFacts & { title: string }>(role: Role, row: T): Listed<T> {
  const { reporterName: _n, reporterPhone: _p, reporterEmail: _e, reporterNik: _k, ...rest } = row;
  return { ...rest, title: reporterTextFor(role, row)(row.title) };
}
