import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isLightPage, withoutScripts } from "./light-pages";

const req = (url: string, method = "GET", headers: Record<string, string> = {}) => ({ url, method, headers }) as unknown as IncomingMessage;

describe("light pages", () => {
  it("takes the public pages that need no JavaScript, not navigations, actions called by React or other pages", () => {
    for (const url of ["/", "/aduan?q=jalan", "/lapor", "/lacak", "/lacak/BTM-7K3Q9MZD", "/lacak/BTM-7K3Q9MZD?key=abc", "/lacak/BTM-7K3Q9MZD/pelapor", "/statistik"]) {
      expect(isLightPage(req(url)), url).toBe(true);
    }
    expect(isLightPage(req("/lapor", "POST"))).toBe(true);
    expect(isLightPage(req("/lapor", "POST", { "next-action": "abc" }))).toBe(false);
    expect(isLightPage(req("/lacak/BTM-7K3Q9MZD", "GET", { rsc: "1" }))).toBe(false);
    for (const url of ["/masuk", "/lapor/terkirim", "/petugas", "/lacak/BTM-7K3Q9MZD/lampiran/3", "/api/v1/complaints", "/statistik/data.csv"]) {
      expect(isLightPage(req(url)), url).toBe(false);
    }
    expect(isLightPage(req("/", "HEAD"))).toBe(false);
  });

  it("removes Next's scripts and script preloads, keeps islands, styles and forms", () => {
    const html = [
      '<html><head><link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
      '<link rel="modulepreload" href="/_next/static/chunks/c.js"/>',
      '<script src="/_next/static/chunks/d.js" async=""></script></head><body>',
      '<form action="" method="POST"><input type="hidden" name="$ACTION_ID_1"/></form>',
      '<script id="lapor-island" type="application/json" data-island="true">{"a":"b"}</script>',
      '<script src="/islands/lapor-form.js" type="module" data-island="true"></script>',
      '<script nonce="x">self.__next_f.push([1,"<b>"])</script></body></html>',
    ].join("");
    const light = withoutScripts(html)!;
    expect(light).not.toContain("_next/static/chunks/b.js");
    expect(light).not.toContain("c.js");
    expect(light).not.toContain("d.js");
    expect(light).not.toContain("__next_f");
    expect(light).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css"');
    expect(light).toContain('name="$ACTION_ID_1"');
    expect(light).toContain('<script id="lapor-island" type="application/json" data-island="true">{"a":"b"}</script>');
    expect(light).toContain('<script src="/islands/lapor-form.js" type="module" data-island="true"></script>');
  });

  it("leaves a page streamed with Suspense boundaries as it is (their content needs React's scripts)", () => {
    expect(withoutScripts('<div hidden id="S:0">x</div><script>$RC("B:0","S:0")</script>')).toBeNull();
  });
});
