/** The two servers the suite starts (see playwright.config.ts). */
export const MAIN_PORT = 3100;
export const LIMITED_PORT = 3101;
/** Public writes per minute per client address on the rate-limited server. */
export const LIMITED_RATE = 3;
export const MAIN_URL = `http://127.0.0.1:${MAIN_PORT}`;
export const LIMITED_URL = `http://127.0.0.1:${LIMITED_PORT}`;
