/** Set by our HTTP server (server/request-context.ts); any value a client sends is overwritten. */
export const CLIENT_ADDRESS_HEADER = "x-pintu-client-address";
/** Proves CLIENT_ADDRESS_HEADER was set by this process, not sent by a client. */
export const CLIENT_ADDRESS_PROOF_HEADER = "x-pintu-client-proof";
/** Each request's id: taken from a trusted proxy or generated, and echoed in the answer. */
export const REQUEST_ID_HEADER = "x-request-id";
