/**
 * What the /lapor page hands its island (islands/lapor-form.ts) in a JSON script tag: the
 * messages it may show (already in the reader's language) and the map's settings.
 */
export type LaporIslandConfig = {
  today: string;
  /** `errors.*` of the catalogue, for the keys the field checks return. */
  errors: Record<string, string>;
  text: { locating: string; located: string; locateDenied: string; locateFailed: string; mapTilesFailed: string; submitting: string };
  map: null | { tiles: string; attribution: string; center: [number, number, number]; script: string; style: string };
};

/** The element id of the JSON config and the island's script path. */
export const LAPOR_ISLAND_ID = "lapor-island";
export const LAPOR_ISLAND_SCRIPT = "/islands/lapor-form.js";

/** The map module (islands/map.ts), loaded only when the reporter asks for the map. */
export type MapModule = {
  openMap(
    el: HTMLElement,
    opts: { tiles: string; attribution: string; center: [number, number, number]; point: [number, number] | null; onMove: (lat: number, lon: number) => void; onTilesFailed: () => void },
  ): { setPoint(lat: number, lon: number): void };
};
