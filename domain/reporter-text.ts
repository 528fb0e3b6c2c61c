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

/**
 * The name a staff member sees for an attachment. A reporter's own file name can carry who
 * they are ("KTP_Budi_Santoso.jpg", "surat-0812…pdf") in forms no text redaction recognises,
 * so whoever may not see an anonymous reporter's identity gets a neutral name with the same
 * extension; staff files and everyone else keep the stored name.
 */
export function attachmentNameFor(role: Role, c: { anonymous: boolean }): (a: { id: number; fileName: string; source: "reporter" | "staff" }) => string {
  if (identityVisibility(role, c.anonymous) !== "hidden") return (a) => a.fileName;
  return (a) => {
    if (a.source !== "reporter") return a.fileName;
    const ext = /\.[A-Za-z0-9]{1,5}$/.exec(a.fileName)?.[0]?.toLowerCase() ?? "";
    return `lampiran-pelapor-${a.id}${ext}`;
  };
}
