import { describe, expect, it } from "vitest";
import { complaintRefOf, followupRefsIn, withComplaintRef, withFollowupRef } from "./refs";

describe("Pintu's references in LAPOR's text", () => {
  it("reads back what an automatic send writes, wherever LAPOR puts text around it", () => {
    expect(complaintRefOf(`Awal.\n${withComplaintRef("Jalan rusak di Batu Aji.", "BTM-7K3Q9MZD")}\n-- diteruskan oleh admin`)).toBe("BTM-7K3Q9MZD");
    expect(followupRefsIn(`${withFollowupRef("Sudah diperbaiki.", 812)} ${withFollowupRef("lagi", 812)} [Ref. Pintu 9]`)).toEqual([812, 9]);
  });

  it("recognises a complaint entered by hand from an older export ('[Pintu: code]', any case)", () => {
    expect(complaintRefOf("Isi aduan\n\n[Pintu: BTM-7K3Q9MZD]")).toBe("BTM-7K3Q9MZD");
    expect(complaintRefOf("Isi aduan [pintu: btm-7k3q9mzd]")).toBe("BTM-7K3Q9MZD");
  });

  it("takes the last reference and nothing that only looks like one", () => {
    expect(complaintRefOf("[Pintu BTM-AAAAAAAA] dikutip, lalu [Pintu BTM-7K3Q9MZD]")).toBe("BTM-7K3Q9MZD");
    expect(complaintRefOf("kode BTM-7K3Q9MZD tanpa kurung")).toBeNull();
    expect(complaintRefOf("[Pintu BTM-7K3Q9MZI]")).toBeNull(); // I is not in the code alphabet
  });
});
