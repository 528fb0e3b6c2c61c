import { describe, expect, it } from "vitest";
import { fitSms, fitSmsAround, gsm7Length, isGsm7Char, parseSms, sameTextKey, titleFromText, toGsm7 } from "./sms";

describe("parseSms", () => {
  it.each([
    ["BTM Jalan rusak di Batu Aji", { kind: "complaint", text: "Jalan rusak di Batu Aji" }],
    ["btm jalan rusak", { kind: "complaint", text: "jalan rusak" }],
    ["Btm   Lampu jalan mati", { kind: "complaint", text: "Lampu jalan mati" }],
    ["   BTM\tsampah menumpuk  ", { kind: "complaint", text: "sampah menumpuk" }],
    ["BTMjalan berlubang", { kind: "complaint", text: "jalan berlubang" }],
    ["BTM: air PDAM mati", { kind: "complaint", text: "air PDAM mati" }],
    ["BTM.air PDAM mati", { kind: "complaint", text: "air PDAM mati" }],
    ["BTM\nJalan rusak\r\ndi depan sekolah", { kind: "complaint", text: "Jalan rusak\ndi depan sekolah" }],
    ["BTM Jalan rusak 😡😡 parah banget!!", { kind: "complaint", text: "Jalan rusak 😡😡 parah banget!!" }],
    ["BTM cek lampu jalan mati sudah 3 hari", { kind: "complaint", text: "cek lampu jalan mati sudah 3 hari" }],
    ["BTM CEK BTM-7K3Q9MZD", { kind: "status", code: "BTM-7K3Q9MZD" }],
    ["btm cek btm-7k3q9mzd", { kind: "status", code: "btm-7k3q9mzd" }],
    ["BTMCEK BTM-7K3Q9MZD", { kind: "status", code: "BTM-7K3Q9MZD" }],
    ["BTM  CEK   7K3Q9MZD  ", { kind: "status", code: "7K3Q9MZD" }],
    ["BTM CEK", { kind: "status", code: "" }],
    ["BTM BTM-7K3Q9MZD Lokasinya di depan SDN 1", { kind: "reply", code: "BTM-7K3Q9MZD", text: "Lokasinya di depan SDN 1" }],
    ["btm btm-7k3q9mzd: nomornya 12\nrt 03", { kind: "reply", code: "BTM-7K3Q9MZD", text: "nomornya 12\nrt 03" }],
    ["BTM btm7k3q9mzo sudah saya kirim", { kind: "reply", code: "BTM-7K3Q9MZ0", text: "sudah saya kirim" }],
    ["BTM BTM-7K3Q9MZD", { kind: "reply", code: "BTM-7K3Q9MZD", text: "" }],
    ["BTM sekarang jalan di depan rumah rusak", { kind: "complaint", text: "sekarang jalan di depan rumah rusak" }],
    ["BTM BTM-7K3Q jalan rusak di Batu Aji", { kind: "complaint", text: "BTM-7K3Q jalan rusak di Batu Aji" }],
    ["BTM", { kind: "prefix_only" }],
    ["  btm  \n ", { kind: "prefix_only" }],
    ["BTM :", { kind: "prefix_only" }],
    ["Jalan rusak di Batu Aji", { kind: "unparsed" }],
    ["Selamat pagi pak, bagaimana cara lapor?", { kind: "unparsed" }],
    ["", { kind: "unparsed" }],
    ["LAPOR jalan rusak", { kind: "unparsed" }],
  ])("reads %j", (text, expected) => {
    expect(parseSms(text, "BTM")).toEqual(expected);
  });

  it("takes the prefix from the region it is given, not from Batam", () => {
    expect(parseSms("TPI jalan rusak", "TPI")).toEqual({ kind: "complaint", text: "jalan rusak" });
    expect(parseSms("BTM jalan rusak", "TPI")).toEqual({ kind: "unparsed" });
  });
});

describe("titleFromText", () => {
  it("keeps a short first line whole", () => {
    expect(titleFromText("Jalan rusak\ndi depan SDN 1", 150)).toBe("Jalan rusak");
  });
  it("cuts a long text at a word boundary and marks the cut", () => {
    const text = "Jalan utama menuju pelabuhan rusak parah ".repeat(30);
    const title = titleFromText(text, 150);
    expect(title.length).toBeLessThanOrEqual(150);
    expect(title.endsWith("parah…") || title.endsWith("…")).toBe(true);
    expect(title).not.toMatch(/\s…$/);
  });
  it("cuts a text without spaces hard", () => {
    expect(titleFromText("x".repeat(400), 150)).toHaveLength(150);
  });
});

describe("sameTextKey", () => {
  it("treats case, punctuation and blanks as the same", () => {
    expect(sameTextKey("Jalan  rusak, di Batu Aji!")).toBe(sameTextKey("jalan rusak di\nbatu aji"));
    expect(sameTextKey("Jalan rusak")).not.toBe(sameTextKey("Jalan rusak parah"));
  });
});

describe("GSM-7", () => {
  it("knows the alphabet and its extension table", () => {
    for (const c of ["a", "Z", "0", "@", "é", "Ñ", "€", "[", "\n"]) expect(isGsm7Char(c)).toBe(true);
    for (const c of ["ş", "😡", "“", "–", "中", "ê"]) expect(isGsm7Char(c)).toBe(false);
    expect(gsm7Length("abc")).toBe(3);
    expect(gsm7Length("€[]")).toBe(6);
  });

  it.each([
    ["Aduan Anda diterima", "Aduan Anda diterima"],
    ["Terima kasih 🙏😊 sudah melapor", "Terima kasih sudah melapor"],
    ["“Jalan” rusak – parah…", '"Jalan" rusak - parah...'],
    ["Kelurahan Tanjung Uma · Lubuk Baja", "Kelurahan Tanjung Uma - Lubuk Baja"],
    ["Café crème, façade, naïve", "Café crème, facade, naive"],
    ["Dinas Perhubungan (Dishub) — 30°C", "Dinas Perhubungan (Dishub) - 30oC"],
    ["ЖЖ 中文 ok", "ok"],
  ])("writes %j as %j", (input, expected) => {
    const out = toGsm7(input);
    expect(out).toBe(expected);
    expect([...out].every(isGsm7Char)).toBe(true);
  });

  it("fits any reply into one 160-septet message", () => {
    const long = "Aduan Anda BTM-7K3Q9MZD diterima 🙏 “Dinas Kependudukan dan Pencatatan Sipil” — ".repeat(5);
    const sms = fitSms(long);
    expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
    expect(sms.endsWith("...")).toBe(true);
    expect([...sms].every(isGsm7Char)).toBe(true);
    expect(fitSms("{[€]}".repeat(40))).toSatisfy((s: string) => gsm7Length(s) <= 160);
    expect(fitSms("Pendek saja")).toBe("Pendek saja");
  });
});

describe("fitSmsAround", () => {
  const render = (message: string) => `Aduan BTM-7K3Q9MZD perlu keterangan: ${message} Balas: kirim BTM BTM-7K3Q9MZD (keterangan Anda)`;
  it("keeps a short message whole", () => {
    expect(fitSmsAround(render, "Di mana lokasinya?")).toBe(render("Di mana lokasinya?"));
  });
  it("cuts a long message, never the wording around it", () => {
    const out = fitSmsAround(render, `Mohon sebutkan “alamat lengkap” ${"dan patokan terdekat ".repeat(20)}`);
    expect(gsm7Length(out)).toBeLessThanOrEqual(160);
    expect(out).toMatch(/^Aduan BTM-7K3Q9MZD perlu keterangan: Mohon sebutkan "alamat lengkap" dan .*\.\.\. Balas: kirim BTM BTM-7K3Q9MZD \(keterangan Anda\)$/);
  });
});
