import { getTranslations } from "next-intl/server";
import { buttonClass } from "./ui/button-link";

/** Tracking-code look-up: a GET form to /lacak, so it works without JavaScript. */
export async function TrackForm({ defaultValue, errorId }: { defaultValue?: string; errorId?: string }) {
  const t = await getTranslations("track");
  return (
    <form action="/lacak" method="get" className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="track-code" className="font-medium">
          {t("codeLabel")}
        </label>
        <input
          id="track-code"
          name="code"
          required
          defaultValue={defaultValue}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder="BTM-XXXXXXXX"
          aria-describedby={errorId}
          aria-invalid={errorId ? true : undefined}
          className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-lg uppercase"
        />
      </div>
      <button type="submit" className={buttonClass("primary")}>
        {t("submit")}
      </button>
    </form>
  );
}
