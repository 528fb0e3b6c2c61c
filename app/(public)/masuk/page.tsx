import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { SignInForm } from "@/components/signin-form";
import { currentStaff } from "@/server/staff";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signin");
  return { title: t("title"), robots: { index: false } };
}

export default async function SignInPage() {
  if (await currentStaff()) redirect("/petugas");
  const t = await getTranslations("signin");
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>
      <ClientMessages sections={["signin"]}>
        <SignInForm />
      </ClientMessages>
    </div>
  );
}
