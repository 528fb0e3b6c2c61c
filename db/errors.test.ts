import { describe, expect, it } from "vitest";
import { dbErrorCode, isConnectionError, wasNeverSent } from "./errors";

/** drizzle's wrapping: "Failed query: …" with the driver's error as `cause`. */
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1\nparams: "), { cause });
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("database error classification", () => {
  it.each([
    ["57P01", true, false], // restart: terminating connection due to administrator command
    ["57P03", true, true], // the database system is starting up
    ["08006", true, false],
    ["08001", true, true],
    ["ECONNREFUSED", true, true],
    ["ECONNRESET", true, false],
    ["CONNECTION_CLOSED", true, false],
    ["CONNECT_TIMEOUT", true, true],
    ["53300", true, true],
    ["23505", false, false], // unique violation: the request's own fault, never a 503
    ["22P02", false, false],
  ])("%s through drizzle's wrapping: connection %s, never sent %s", (code, connection, neverSent) => {
    expect(isConnectionError(wrapped(coded(code)))).toBe(connection);
    expect(wasNeverSent(wrapped(coded(code)))).toBe(neverSent);
    expect(dbErrorCode(wrapped(coded(code)))).toBe(code);
  });

  it("reads PGlite closing, and leaves ordinary errors alone", () => {
    expect(isConnectionError(new Error("PGlite is closing"))).toBe(true);
    expect(isConnectionError(new Error("boom"))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
    expect(dbErrorCode(new Error("boom"))).toBeUndefined();
  });
});
