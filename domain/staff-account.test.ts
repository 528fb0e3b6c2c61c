import { describe, expect, it } from "vitest";
import { collectFieldErrors } from "./complaint-input";
import { passwordChangeSchema, staffAccountSchema } from "./staff-account";

const errors = (schema: typeof passwordChangeSchema | typeof staffAccountSchema, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? {} : collectFieldErrors(r.error);
};

describe("the password policy", () => {
  it("wants at least 10 characters, typed twice alike, and reports both problems at once", () => {
    expect(errors(passwordChangeSchema, { current: "lama", next: "Sandi-baru-1", confirm: "Sandi-baru-1" })).toEqual({});
    expect(errors(passwordChangeSchema, { current: "lama", next: "123456789", confirm: "123456789" })).toEqual({ next: ["weak"] });
    expect(errors(passwordChangeSchema, { current: "lama", next: "x".repeat(1025), confirm: "x".repeat(1025) })).toEqual({ next: ["weak"] });
    expect(errors(passwordChangeSchema, { current: "lama", next: "Sandi-baru-1", confirm: "Sandi-baru-2" })).toEqual({ confirm: ["mismatch"] });
  });
});

describe("a new staff account", () => {
  it("needs an OPD exactly for the OPD roles", () => {
    expect(errors(staffAccountSchema, { email: "a@b.id", name: "Ani", role: "opd_officer" })).toEqual({ opdCode: ["opdRequired"] });
    expect(errors(staffAccountSchema, { email: "a@b.id", name: "Ani", role: "coordinator", opdCode: "DISDUKCAPIL" })).toEqual({ opdCode: ["opdNotApplicable"] });
    expect(staffAccountSchema.parse({ email: " A@B.ID ", name: "Ani", role: "opd_head", opdCode: "disdukcapil" })).toMatchObject({ email: "a@b.id", opdCode: "DISDUKCAPIL" });
  });
});
