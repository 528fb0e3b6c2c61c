import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DirectoryHeader } from "@/components/directory/parts";
import { directoryAccess } from "@/server/directory/access";

const SECTIONS = [
  ["opd", "/petugas/direktori/opd"],
  ["category", "/petugas/direktori/kategori"],
  ["area", "/petugas/direktori/wilayah"],
  ["institution", "/petugas/direktori/lembaga"],
  ["rules", "/petugas/direktori/rute"],
] as const;

/** The directory: who handles what in the city. Administrators edit, coordinators read. */
export default async function DirectoryPage() {
  const { editable } = await directoryAccess();
  const t = await getTranslations("directory");
  return (
    <div className="space-y-6">
      <DirectoryHeader title={t("title")} current={null} editable={editable} />
      <ul className="grid gap-3 sm:grid-cols-2">
        {SECTIONS.map(([key, href]) => (
          <li key={key} className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
            <Link href={href} className="text-lg font-semibold text-brand-700 underline-offset-4 hover:underline">
              {t(`nav.${key}`)}
            </Link>
            <p className="mt-1 text-sm text-slate-700">{t(`intro.${key}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
