import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { region } from "@/server/region";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  const { name } = region();
  return { title: t("title", { region: name }), description: t("description", { region: name }) };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#094a8c" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const r = region();
  const all = await getMessages();
  // Only the error page's text travels with every page; forms bring their own (ClientMessages).
  const clientMessages = { errorPage: all.errorPage };
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <NextIntlClientProvider messages={clientMessages}>
          <SiteHeader regionName={r.name} />
          <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 print:max-w-none print:p-0">
            {children}
          </main>
          <SiteFooter regionCode={r.code} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
