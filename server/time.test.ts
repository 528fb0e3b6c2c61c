import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";
import { describe, expect, it } from "vitest";
import { isoInZone } from "./time";

describe("isoInZone", () => {
  it.each(["Asia/Jakarta", "Asia/Makassar", "Asia/Kolkata", "Europe/Berlin", "America/St_Johns", "Australia/Lord_Howe", "UTC"])(
    "writes what date-fns writes in %s, across a year and its transitions",
    (zone) => {
      const start = Date.UTC(2026, 0, 1);
      for (let t = start; t < start + 366 * 86_400_000; t += 3_599_999 + 7_777) {
        const d = new Date(t);
        expect(isoInZone(d, zone)).toBe(formatISO(new TZDate(d, zone)));
      }
    },
  );

  it("gives Jakarta's +07:00", () => {
    expect(isoInZone(new Date("2026-11-28T03:00:00.750Z"), "Asia/Jakarta")).toBe("2026-11-28T10:00:00+07:00");
  });
});
