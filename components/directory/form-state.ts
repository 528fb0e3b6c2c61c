import { z } from "zod";

/**
 * What a directory form sends back to its page after a refused save (POST-redirect-GET, so it
 * works without JavaScript): each field's error keys and the values typed, so nothing is lost.
 * Directory data are public reference data, never personal data, so they may ride in the URL.
 */
export type FormState = { errors: Record<string, string[]>; values: Record<string, string> };

const stateSchema = z.object({ errors: z.record(z.string(), z.array(z.string())), values: z.record(z.string(), z.string()) });

export function encodeFormState(errors: Record<string, string[]>, formData: FormData): string {
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$ACTION")) values[k] = v.slice(0, 1000);
  return Buffer.from(JSON.stringify({ errors, values })).toString("base64url");
}

/** The state in a `?state=` parameter, or null when absent or not ours. */
export function decodeFormState(raw: string | null | undefined): FormState | null {
  if (!raw || raw.length > 20_000) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
