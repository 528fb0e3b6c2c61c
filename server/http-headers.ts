/** Set by our HTTP server from the socket address; any value a client sends is overwritten. */
export const CLIENT_ADDRESS_HEADER = "x-pintu-client-address";
