import { describe, expect, it } from "vitest";
import { composeNotificationEmail, type NotifyEvent } from "./notify-email";

const EVENTS: NotifyEvent[] = ["disposed", "forwarded", "info_requested", "responded", "closed", "message"];
const facts = { code: "BTM-7K3Q9MZD", status: "in_progress", opd: "Dinas Bina Marga dan SDA", message: "", trackingUrl: "https://pintu.batam.test/lacak/BTM-7K3Q9MZD" };

describe("composeNotificationEmail", () => {
  it.each(EVENTS)("writes %s in Bahasa Indonesia, then English, each with its own words", (event) => {
    const { subject, text } = composeNotificationEmail({ ...facts, event, message: "Jalan sudah ditambal kemarin sore." });
    const [id, en] = subject.split(" / ");
    expect(id).toContain("BTM-7K3Q9MZD");
    expect(en).toContain("BTM-7K3Q9MZD");
    expect(id).not.toBe(en);
    expect(text.indexOf("Yth. Pelapor,")).toBe(0);
    expect(text.indexOf("Dear reporter,")).toBeGreaterThan(0);
    expect(text).toContain("Status: Sedang ditindaklanjuti");
    expect(text).toContain("Status: Being handled");
    expect(text.match(/Jalan sudah ditambal kemarin sore\./g)).toHaveLength(2);
    expect(text.match(/https:\/\/pintu\.batam\.test\/lacak\/BTM-7K3Q9MZD/g)).toHaveLength(2);
    // No ICU placeholder or catalogue key left unfilled.
    expect(text + subject).not.toMatch(/[{}]|email\./);
  });

  it("names the page and code when the portal's public address is unknown, and leaves out what is empty", () => {
    const { text } = composeNotificationEmail({ ...facts, event: "closed", opd: null, trackingUrl: null });
    expect(text).toContain("Lacak aduan Anda di halaman Lacak dengan nomor BTM-7K3Q9MZD.");
    expect(text).toContain("Track your complaint on the Track page with number BTM-7K3Q9MZD.");
    expect(text).not.toMatch(/Instansi:|Agency:|Catatan petugas|Staff note|http/);
  });
});
