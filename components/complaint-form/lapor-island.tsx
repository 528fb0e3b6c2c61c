import { getMessages, getTranslations } from "next-intl/server";
import { LAPOR_ISLAND_ID, LAPOR_ISLAND_SCRIPT, type LaporIslandConfig } from "@/islands/island-config";
import { env } from "@/lib/env";

/**
 * The /lapor form's island: its settings and messages as JSON, and its script
 * (islands/lapor-form.ts, built into public/islands/). Both carry `data-island`, the mark that
 * keeps them when scripts/light-pages.ts takes Next's scripts off the page.
 */
export async function LaporIsland({ today }: { today: string }) {
  const t = await getTranslations("form");
  const all = (await getMessages()) as { errors: Record<string, unknown> };
  const e = env();
  const [lat, lon, zoom] = e.MAP_CENTER.split(",").map(Number) as [number, number, number];
  const config: LaporIslandConfig = {
    today,
    errors: Object.fromEntries(Object.entries(all.errors).filter((x): x is [string, string] => typeof x[1] === "string")),
    text: {
      locating: t("locating"),
      located: t("located", { m: "{m}" }),
      locateDenied: t("locateDenied"),
      locateFailed: t("locateFailed"),
      mapTilesFailed: t("mapTilesFailed"),
      submitting: t("submitting"),
    },
    map: e.MAP_TILE_URL
      ? { tiles: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION ?? "", center: [lat, lon, zoom], script: "/islands/map.js", style: "/islands/map.css" }
      : null,
  };
  // `<` escaped: the JSON cannot close its script element, whatever a message says.
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return (
    <>
      <script id={LAPOR_ISLAND_ID} type="application/json" data-island dangerouslySetInnerHTML={{ __html: json }} />
      {/* A module script is deferred by the browser: it never blocks the page's rendering. */}
      {/* eslint-disable-next-line @next/next/no-sync-scripts */}
      <script src={LAPOR_ISLAND_SCRIPT} type="module" data-island />
    </>
  );
}
