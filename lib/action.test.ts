import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formAction } from "./action";
import { AppError, ValidationError } from "./errors";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  f.set("$ACTION_ID_abc", "");
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
const schema = z.object({ email: z.email("email"), name: z.string().min(2, "name").max(10, "name"), password: z.string().min(10, "weak") });

describe("formAction", () => {
  it("authorises before it reads the form, and a refusal passes through untouched", async () => {
    const calls: string[] = [];
    const action = formAction(
      { authorise: async () => { calls.push("authorise"); throw new Error("NEXT_NOT_FOUND"); }, schema },
      async () => { calls.push("handler"); return null; },
    );
    await expect(action(null, form({ email: "a@b.id", name: "Ani", password: "x".repeat(12) }))).rejects.toThrow("NEXT_NOT_FOUND");
    expect(calls).toEqual(["authorise"]);
  });

  it("reports every field's problem at once and gives back what was typed, never a secret field", async () => {
    let ran = false;
    const action = formAction({ authorise: async () => ({ id: 1 }), schema, secret: ["password"] }, async () => { ran = true; return null; });
    const state = await action(null, form({ email: "nope", name: "A", password: "short" }));
    expect(ran).toBe(false);
    expect(state).toMatchObject({ ok: false, fieldErrors: { email: ["email"], name: ["name"], password: ["weak"] }, formError: null, values: { email: "nope", name: "A" } });
    expect(state && !state.ok && "password" in state.values).toBe(false);
    expect(state && !state.ok && Object.keys(state.values).some((k) => k.startsWith("$ACTION"))).toBe(false);
  });

  it("runs the handler with the parsed input and the actor, and answers ok with its result", async () => {
    const action = formAction({ authorise: async () => ({ id: 7 }), schema }, async (input, actor) => `${actor.id}:${input.name}`);
    expect(await action(null, form({ email: "a@b.id", name: "Ani", password: "x".repeat(12) }))).toMatchObject({ ok: true, result: "7:Ani" });
  });

  it("turns the handler's ValidationError into field errors (and `_form` into the form error) and a 4xx AppError into its code", async () => {
    const input = { email: "a@b.id", name: "Ani", password: "x".repeat(12) };
    const invalid = formAction({ authorise: async () => null, schema }, async () => { throw new ValidationError({ email: ["taken"], _form: ["exists"] }); });
    expect(await invalid(null, form(input))).toMatchObject({ ok: false, fieldErrors: { email: ["taken"] }, formError: "exists", values: { name: "Ani" } });
    const refused = formAction({ authorise: async () => null, schema }, async () => { throw new AppError(409, "action_not_allowed", "no"); });
    expect(await refused(null, form(input))).toMatchObject({ ok: false, fieldErrors: {}, formError: "action_not_allowed" });
  });

  it("leaves a file to the handler, which names the field it refuses; the file is never echoed", async () => {
    const f = form({ note: "impor" });
    f.set("file", new File([new Uint8Array([0xff, 0xfe])], "ekspor.csv", { type: "text/csv" }));
    const action = formAction({ authorise: async () => null, schema: z.object({ note: z.string() }) }, async (_input, _actor, formData) => {
      const file = formData.get("file");
      throw new ValidationError({ file: [file instanceof File && file.size === 2 ? "notUtf8" : "empty"] });
    });
    const state = await action(null, f);
    expect(state).toMatchObject({ ok: false, fieldErrors: { file: ["notUtf8"] }, formError: null, values: { note: "impor" } });
    expect(state && !state.ok && "file" in state.values).toBe(false);
  });

  it("lets a server failure through instead of dressing it as a form error", async () => {
    const action = formAction({ authorise: async () => null, schema }, async () => { throw new AppError(503, "unavailable", "try again"); });
    await expect(action(null, form({ email: "a@b.id", name: "Ani", password: "x".repeat(12) }))).rejects.toThrow("try again");
  });
});
