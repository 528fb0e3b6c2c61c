import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * Sends only the named catalogue sections to the browser, around the client components that
 * use them; every other page ships no messages at all. `overrides` lays another section over
 * one (e.g. the staff wording of the complaint form over the citizen's), key by key.
 */
export async function ClientMessages({
  sections,
  overrides = {},
  children,
}: {
  sections: string[];
  overrides?: Record<string, string>;
  children: React.ReactNode;
}) {
  const all = (await getMessages()) as Record<string, Record<string, unknown> | undefined>;
  const messages = Object.fromEntries(sections.map((s) => [s, overrides[s] ? { ...all[s], ...all[overrides[s]] } : all[s]]));
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
