// Tests run outside React Server, where the real `server-only` package throws on import.
export {};
