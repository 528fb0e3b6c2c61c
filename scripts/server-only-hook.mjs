/**
 * Module resolution hook for the production server (registered by scripts/start.ts): resolves
 * `server-only` under the `react-server` condition, as Next does for server code, so modules
 * marked server-only can also be loaded by the server's fast paths outside Next's bundle. Next's
 * build still enforces the marker for client components.
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}
