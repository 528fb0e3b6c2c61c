/** The LAPOR integration's public surface: the current adapter version and its helpers. */
export * as lapor from "./v3";
export { ADAPTER_VERSION, fetchComplaint, fetchStatus, listDisposed, listFollowups, LAPOR_STATUS, type LaporComplaint, type LaporFollowup } from "./v3";
export { LaporHttpError, LaporShapeError, type LaporConfig, type Unreadable } from "./http";
export { laporConfig, setLaporConfig } from "./config";
