/** The service-level clocks and their defaults in working days (PRODUCT.md "Service levels"). */
export const DEFAULT_SLA = { verification: 3, firstResponse: 5, resolution: 14, autoClose: 10 } as const;
export type SlaClock = keyof typeof DEFAULT_SLA;
export type SlaPolicy = Record<SlaClock, number>;

/** The policy for a category: its overrides on top of the defaults. */
export function slaPolicy(overrides: Partial<Record<string, number>> | null | undefined): SlaPolicy {
  const policy: SlaPolicy = { ...DEFAULT_SLA };
  for (const clock of Object.keys(DEFAULT_SLA) as SlaClock[]) {
    const v = overrides?.[clock];
    if (typeof v === "number" && Number.isInteger(v) && v > 0) policy[clock] = v;
  }
  return policy;
}
