/** The LAPOR integration's public surface: the current adapter version and its helpers. */
export * as lapor from "./v3";
export { ADAPTER_VERSION, fetchStatus, listFollowups } from "./v3";
export { LaporHttpError, LaporShapeError } from "./http";
export { laporConfig, setLaporConfig } from "./config";
