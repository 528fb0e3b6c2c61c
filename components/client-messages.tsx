import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * Sends only the named catalogue sections to the browser, around the client components that
 * use them; every other page ships no messages at all.
 */
export async function ClientMessages({ sections, children }: { sections: string[]; children: React.ReactNode }) {
  const all = (await getMessages()) as Record<string, unknown>;
  const messages = Object.fromEntries(sections.map((s) => [s, all[s]]));
  return <NextIntlClientProvider messages={messages as never}>{children}</NextIntlClientProvider>;
}
