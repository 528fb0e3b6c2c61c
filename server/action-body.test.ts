import { describe, expect, it } from "vitest";
import { actionBodyProblem, isActionBody, replyProblem } from "./action-body";

const MP = { "content-type": "multipart/form-data; boundary=zz" };
const multipart = (parts: [string, string][], end = "--zz--\r\n") => parts.map(([name, value]) => `--zz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + end;

/** The body as the proxy reads it: in small chunks. */
async function* chunks(text: string, size = 7): AsyncIterable<Uint8Array> {
  const b = Buffer.from(text, "latin1");
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

describe("replyProblem", () => {
  it.each([
    ['["$K1",{bad', "the argument list is not JSON"],
    ["{}", "the argument list is not a list"],
    ['["$@9"]', "reference $@9 to a part that was not sent"],
    ['["$Zz"]', "unknown reference $Zz"],
  ])("%s → %s", (json, problem) => expect(replyProblem(json, new Set())).toBe(problem));
  it("accepts references to parts that were sent, and plain values", () => {
    expect(replyProblem('["$K1","$$x","$undefined","$D2020-01-01"]', new Set(["1"]))).toBeNull();
    expect(replyProblem("[]", new Set())).toBeNull();
  });
});

describe("actionBodyProblem", () => {
  const fetchAction = { ...MP, "next-action": "40aa" };
  it("judges a fetch action's argument list against the parts sent before it", async () => {
    expect(await actionBodyProblem(fetchAction, chunks(multipart([["1_title", "x"], ["0", '["$K1"]']])), null)).toBeNull();
    expect(await actionBodyProblem(fetchAction, chunks(multipart([["0", '["$@9"]']])), null)).toMatch(/not sent/);
    expect(await actionBodyProblem(fetchAction, chunks(multipart([["1_title", "x"]])), null)).toBe("no argument list");
    expect(await actionBodyProblem(fetchAction, chunks(multipart([["0", '["$K1"]']], '--zz\r\nContent-Disposition: form-data; name="1_x"\r\n\r\nabc')), null)).toMatch(/multipart/);
  });
  it("judges a form post's $ACTION_ fields, and skips file parts", async () => {
    const ids = new Set(["7f00"]);
    const file = '--zz\r\nContent-Disposition: form-data; name="foto"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n' + "\u00ff".repeat(100_000) + "\r\n";
    const ok = file + multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", '{"id":"7f00","bound":null}']]);
    expect(await actionBodyProblem(MP, chunks(ok, 4096), ids)).toBeNull();
    expect(await actionBodyProblem(MP, chunks(multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", '{"id":"zz"}']])), ids)).toMatch(/no known action/);
    expect(await actionBodyProblem(MP, chunks(multipart([["$ACTION_REF_1", ""], ["$ACTION_1:0", "{bad"]])), ids)).toMatch(/not JSON/);
    expect(await actionBodyProblem(MP, chunks(multipart([["title", "x"]])), ids)).toBeNull();
  });
  it("judges a text argument list", async () => {
    expect(await actionBodyProblem({ "content-type": "text/plain", "next-action": "00aa" }, chunks("[]"), null)).toBeNull();
    expect(await actionBodyProblem({ "content-type": "text/plain", "next-action": "00aa" }, chunks("xx"), null)).toBe("the argument list is not JSON");
  });
});

describe("isActionBody", () => {
  it("is a post to a page with a multipart body or a Next-Action header", () => {
    expect(isActionBody("POST", "/lapor", MP)).toBe(true);
    expect(isActionBody("POST", "/petugas", { "next-action": "00aa" })).toBe(true);
    expect(isActionBody("POST", "/api/v1/complaints", MP)).toBe(false);
    expect(isActionBody("GET", "/lapor", MP)).toBe(false);
    expect(isActionBody("POST", "/lapor", { "content-type": "application/x-www-form-urlencoded" })).toBe(false);
  });
});
