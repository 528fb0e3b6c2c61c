import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { zonedTimes } from "./local-time";

describe("zonedTimes", () => {
  // A formatter left in UTC: the region's zone must win, or a WITA reader sees Jakarta's (or London's) clock.
  const format = createFormatter({ locale: "id", timeZone: "UTC" });
  const at = new Date("2032-03-02T00:30:00+08:00");

  it("shows a time in a WITA region as local time there, labelled WITA", () => {
    const t = zonedTimes(format, "Asia/Makassar");
    expect(t.zone).toBe("WITA");
    expect(t.when(at)).toMatch(/^2 Mar 2032,? 00[.:]30 WITA$/);
  });

  it("shows the same instant in a WIB region an hour earlier, on the day before, labelled WIB", () => {
    expect(zonedTimes(format, "Asia/Jakarta").when(at)).toMatch(/^1 Mar 2032,? 23[.:]30 WIB$/);
  });
});
