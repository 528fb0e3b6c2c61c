import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button-link";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
      <p>{t("lead")}</p>
      <ButtonLink href="/">{t("home")}</ButtonLink>
    </div>
  );
}
