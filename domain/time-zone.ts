/**
 * The name a reader knows the region's zone by, written after every time Pintu shows: WIB, WITA
 * or WIT for Indonesia's zones (PINTU_TIME_ZONE), otherwise the zone's offset as Intl names it
 * (such as "GMT+8"), so a time is never labelled with a zone it is not in.
 */
const INDONESIAN: Readonly<Record<string, string>> = {
  "Asia/Jakarta": "WIB",
  "Asia/Pontianak": "WIB",
  "Asia/Makassar": "WITA",
  "Asia/Jayapura": "WIT",
};

export function zoneAbbreviation(timeZone: string): string {
  const known = INDONESIAN[timeZone];
  if (known) return known;
  const part = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "shortOffset" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}
