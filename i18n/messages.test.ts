import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import id from "@/messages/id.json";

type Catalogue = { [key: string]: string | Catalogue };

/** Every message of a catalogue by its dotted key. */
function flatten(c: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/**
 * The ICU arguments a message uses (`{name}`, `{count, plural, …}`): a translation that names
 * another argument throws or shows a hole at run time. Only top-level arguments are collected
 * (plural branches' texts are skipped), which is where a rename goes wrong.
 */
function argumentsOf(message: string): string[] {
  const args = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const ch = message[i];
    if (ch === "'") {
      // ICU quoting: '{' is a literal brace.
      const end = message.indexOf("'", i + 1);
      if (end > i + 1) i = end;
      continue;
    }
    if (ch === "{") {
      if (depth === 0) {
        const name = /^\{\s*([A-Za-z0-9_]+)/.exec(message.slice(i))?.[1];
        if (name) args.add(name);
      }
      depth++;
    } else if (ch === "}") depth--;
  }
  return [...args].sort();
}

const ID = flatten(id as unknown as Catalogue);
const EN = flatten(en as unknown as Catalogue);
/**
 * English names of the region's category codes (Open311 `?locale=en`): the Indonesian name is the
 * category's own, from the region's data, so these have no `id` twin.
 */
const ENGLISH_ONLY = /^open311\.categories\./;

describe("message catalogues", () => {
  it("Bahasa Indonesia and English have the same keys", () => {
    const onlyId = [...ID.keys()].filter((k) => !EN.has(k));
    const onlyEn = [...EN.keys()].filter((k) => !ID.has(k) && !ENGLISH_ONLY.test(k));
    expect({ onlyId, onlyEn }).toEqual({ onlyId: [], onlyEn: [] });
  });

  it("each message takes the same arguments in both languages", () => {
    const differing = [...ID].filter(([k, v]) => EN.has(k) && argumentsOf(v).join() !== argumentsOf(EN.get(k)!).join()).map(([k, v]) => `${k}: id {${argumentsOf(v).join()}} en {${argumentsOf(EN.get(k)!).join()}}`);
    expect(differing).toEqual([]);
  });

  it("no message is empty", () => {
    const empty = [...ID, ...EN].filter(([, v]) => v.trim() === "").map(([k]) => k);
    expect(empty).toEqual([]);
  });
});
