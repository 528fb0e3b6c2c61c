import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/ui/field";
import { requireStaff } from "@/server/staff";
import { changePassword } from "./actions";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ error?: string; done?: string; minutes?: string }> }) {
  const staff = await requireStaff();
  const t = await getTranslations("staff.account");
  const sp = await searchParams;
  const error = sp.error === "wrong" || sp.error === "weak" || sp.error === "mismatch" || sp.error === "throttled" ? sp.error : null;
  const minutes = Math.min(15, Math.max(1, Number(sp.minutes) || 15));
  const fields = [
    { name: "current", label: t("current"), autoComplete: "current-password" },
    { name: "next", label: t("new"), autoComplete: "new-password" },
    { name: "confirm", label: t("confirm"), autoComplete: "new-password" },
  ];
  return (
    <section className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
      <p className="text-slate-700">{staff.email}</p>
      {sp.done ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t("done")}</p> : null}
      {error ? <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">{t(error, { minutes })}</p> : null}
      <form action={changePassword} className="space-y-3">
        {fields.map((f) => (
          <div key={f.name} className="flex flex-col gap-1">
            <label htmlFor={`pw-${f.name}`} className="font-medium">{f.label}</label>
            <input id={`pw-${f.name}`} name={f.name} type="password" required autoComplete={f.autoComplete} className={inputClass} />
          </div>
        ))}
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("submit")}</button>
      </form>
    </section>
  );
}
