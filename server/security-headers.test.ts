import { describe, expect, it } from "vitest";
import { FILE_CSP, stricterHeaders } from "./security-headers";

describe("stricterHeaders", () => {
  it("keeps files sandboxed and private links out of the Referer, and nothing else", () => {
    const strict = (path: string) => Object.fromEntries(stricterHeaders(path));
    const file = { "content-security-policy": FILE_CSP, "referrer-policy": "no-referrer" };
    expect(strict("/petugas/lampiran/12")).toEqual(file);
    expect(strict("/lacak/BTM-26-ABCD/lampiran/12")).toEqual(file);
    expect(strict("/api/v1/complaints/BTM-26-ABCD")).toEqual({ "referrer-policy": "no-referrer" });
    expect(strict("/k/26-ABCD/key_123")).toEqual({ "referrer-policy": "no-referrer" });
    // Pages, the list, the intake and anything below a file keep the defaults.
    for (const path of ["/lacak/BTM-26-ABCD", "/api/v1/complaints", "/petugas/lampiran", "/petugas/lampiran/12/x", "/k/26-ABCD", "/"]) expect(strict(path), path).toEqual({});
  });
});
