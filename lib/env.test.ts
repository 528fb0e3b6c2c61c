import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ConfigError, envSchema, parseEnv } from "./env";

const PG = "postgres://pintu:rahasia-sekali@db.internal:5432/pintu";

function configError(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("parseEnv", () => {
  it("starts with the documented defaults on an empty environment", () => {
    expect(parseEnv({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: "./.data",
      PINTU_REGION: "BTM",
      PINTU_TIME_ZONE: "Asia/Jakarta",
      PUBLIC_RATE_LIMIT: 30,
      LAPOR_POLL_SECONDS: 60,
      TRUST_PROXY: { hops: 0 },
    });
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
  });

  it("treats a variable set to an empty string as unset, so `PUBLIC_RATE_LIMIT=` does not turn the limit off", () => {
    const empty = { PORT: "", PUBLIC_RATE_LIMIT: "", LAPOR_POLL_SECONDS: "", PINTU_DEMO: "", AUTH_SECRET: "", LAPOR_BASE_URL: "", DATA_DIR: "" };
    expect(parseEnv(empty)).toMatchObject({ PORT: 3000, PUBLIC_RATE_LIMIT: 30, LAPOR_POLL_SECONDS: 60, demo: true, DATA_DIR: "./.data" });
    expect(parseEnv(empty).AUTH_SECRET).toBeUndefined();
  });

  it.each([
    ["unset", {}],
    ["empty", { DATABASE_URL: "" }],
  ])("runs embedded (PGlite) with demo data when DATABASE_URL is %s", (_name, source) => {
    expect(parseEnv(source)).toMatchObject({ embedded: true, demo: true });
  });

  it("uses PostgreSQL without demo data when DATABASE_URL is set", () => {
    expect(parseEnv({ DATABASE_URL: PG })).toMatchObject({ embedded: false, demo: false, DATABASE_URL: PG });
    expect(parseEnv({ DATABASE_URL: "postgresql://localhost/pintu" }).embedded).toBe(false);
  });

  it.each([
    [{ PINTU_DEMO: "0" }, false],
    [{ PINTU_DEMO: "off" }, false],
    [{ PINTU_DEMO: "1", DATABASE_URL: PG }, true],
    [{ PINTU_DEMO: "true", DATABASE_URL: PG }, true],
    [{ PINTU_DEMO: "yes", DATABASE_URL: PG }, true],
  ])("lets PINTU_DEMO override the default: %j → demo %s", (source, demo) => {
    expect(parseEnv(source).demo).toBe(demo);
  });

  it("listens on 127.0.0.1 in demo mode and on 0.0.0.0 otherwise, unless HOST says where", () => {
    expect(parseEnv({}).listenHost).toBe("127.0.0.1");
    expect(parseEnv({ DATABASE_URL: PG }).listenHost).toBe("0.0.0.0");
    expect(parseEnv({ DATABASE_URL: PG, PINTU_DEMO: "1" }).listenHost).toBe("127.0.0.1");
    expect(parseEnv({ HOST: "0.0.0.0" }).listenHost).toBe("0.0.0.0");
    expect(parseEnv({ DATABASE_URL: PG, HOST: "::1" }).listenHost).toBe("::1");
    expect(configError({ HOST: "a b" }).message).toMatch(/^Invalid configuration: HOST /);
  });

  it("takes a region in WITA or WIT, and stops at a time zone Intl does not know (a typo would fail every deadline later)", () => {
    expect(parseEnv({ PINTU_TIME_ZONE: "Asia/Makassar" }).PINTU_TIME_ZONE).toBe("Asia/Makassar");
    expect(parseEnv({ PINTU_TIME_ZONE: "Asia/Jayapura" }).PINTU_TIME_ZONE).toBe("Asia/Jayapura");
    expect(configError({ PINTU_TIME_ZONE: "Asia/Jakata" }).message).toMatch(/^Invalid configuration: PINTU_TIME_ZONE must be a time zone name/);
    // Reaches SQL as a literal (db/raw.ts zoneSql): nothing but a zone name passes.
    expect(configError({ PINTU_TIME_ZONE: "UTC'; drop table complaints; --" }).message).toMatch(/^Invalid configuration: PINTU_TIME_ZONE /);
  });

  it.each([
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "70000" }],
    ["PORT", { PORT: "0" }],
    ["PORT", { PORT: "80.5" }],
    ["DATABASE_URL", { DATABASE_URL: "mysql://root:rahasia-sekali@localhost/pintu" }],
    ["AUTH_SECRET", { AUTH_SECRET: "pendek" }],
    ["PINTU_REGION", { PINTU_REGION: "btm" }],
    ["PINTU_DEMO", { PINTU_DEMO: "mungkin" }],
    ["PUBLIC_RATE_LIMIT", { PUBLIC_RATE_LIMIT: "-1" }],
    ["PUBLIC_RATE_LIMIT", { PUBLIC_RATE_LIMIT: "banyak" }],
    ["TRUST_PROXY", { TRUST_PROXY: "kadang" }],
    ["TRUST_PROXY", { TRUST_PROXY: "10.0.0.0/33" }],
    ["TRUST_PROXY", { TRUST_PROXY: "99" }],
    ["METRICS_TOKEN", { METRICS_TOKEN: "pendek" }],
    ["LAPOR_BASE_URL", { LAPOR_BASE_URL: "bukan url" }],
    ["LAPOR_POLL_SECONDS", { LAPOR_POLL_SECONDS: "1" }],
    ["LOG_LEVEL", { LOG_LEVEL: "verbose" }],
    ["SMS_INBOUND_KEY", { SMS_INBOUND_KEY: "pendek" }],
    ["SMS_OUTBOUND_URL", { SMS_OUTBOUND_URL: "ftp://gw/sendsms?to={to}&text={text}" }],
    ["SMS_OUTBOUND_URL", { SMS_OUTBOUND_URL: "http://127.0.0.1:13013/cgi-bin/sendsms?to={to}" }],
    ["SMS_PER_SENDER_PER_HOUR", { SMS_PER_SENDER_PER_HOUR: "banyak" }],
    ["SMS_PER_SENDER_PER_HOUR", { SMS_PER_SENDER_PER_HOUR: "-3" }],
    ["SMTP_URL", { SMTP_URL: "http://mail.example" }],
    ["PUBLIC_BASE_URL", { PUBLIC_BASE_URL: "pintu.batam" }],
  ])("stops with one line naming %s for %j", (name, source) => {
    const error = configError(source);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${name}\\b`));
    expect(error.message).not.toContain("\n");
  });

  it("does not repeat a secret from the invalid value in the message", () => {
    expect(configError({ DATABASE_URL: "mysql://root:rahasia-sekali@localhost/pintu" }).message).not.toContain("rahasia-sekali");
  });

  it("reads no setting an operator cannot find in the README or docs/", () => {
    const docs = ["../README.md", "../docs/DEPLOY.md", "../docs/OPERATIONS.md"].map((p) => readFileSync(new URL(p, import.meta.url), "utf8")).join("\n");
    const undocumented = Object.keys(envSchema.shape).filter((name) => name !== "NODE_ENV" && !docs.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });

  it("reads LAPOR_POLL_SINCE as an ISO date (midnight WIB) or date-time, and names it when it is not one", () => {
    expect(parseEnv({ LAPOR_POLL_SINCE: "2026-01-01" }).LAPOR_POLL_SINCE).toEqual(new Date("2025-12-31T17:00:00Z"));
    expect(parseEnv({ LAPOR_POLL_SINCE: "2026-03-01T08:30:00+07:00" }).LAPOR_POLL_SINCE).toEqual(new Date("2026-03-01T01:30:00Z"));
    expect(parseEnv({}).LAPOR_POLL_SINCE).toBeUndefined();
    expect(configError({ LAPOR_POLL_SINCE: "01-01-2026" }).message).toMatch(/^Invalid configuration: LAPOR_POLL_SINCE must be an ISO date/);
  });

});
