/** An OPD's share of a complaint (`opd_clocks`): the deadline that counts, and when a bounce was late. */

type ShareDates = { firstResponseDue: Date | null; firstRespondedAt: Date | null; resolutionDue: Date; endedAt: Date | null };

/** The running share's deadline that counts: first response until the OPD has written, then resolution. */
export function shareDue(s: ShareDates): Date | null {
  if (s.endedAt) return null;
  return s.firstResponseDue && !s.firstRespondedAt && s.firstResponseDue < s.resolutionDue ? s.firstResponseDue : s.resolutionDue;
}

/**
 * A bounce (a share ended by a return or a re-disposition) is late when it came after the
 * OPD's own first-response deadline: an OPD should say "not ours" before it owes the citizen
 * a first answer. `LATE_BOUNCE` in db/queries/opd-clocks.ts says the same in SQL.
 */
export function isLateBounce(s: Pick<ShareDates, "endedAt" | "firstResponseDue" | "resolutionDue"> & { endReason: string | null }): boolean {
  return (s.endReason === "returned" || s.endReason === "redisposed") && !!s.endedAt && s.endedAt > (s.firstResponseDue ?? s.resolutionDue);
}
