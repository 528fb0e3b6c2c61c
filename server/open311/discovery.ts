import type { Open311Value } from "./format";

/** When the endpoint's interface last changed (the discovery document's `changeset`). */
const OPEN311_CHANGESET = "2026-12-02T00:00:00+07:00";

/** The discovery document: one production endpoint, GeoReport v2, both formats. */
export function discovery(origin: string): Open311Value {
  return {
    changeset: OPEN311_CHANGESET,
    contact: `Pintu — ${origin}/`,
    key_service: `${origin}/`,
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: `${origin}/open311/v2`,
        changeset: OPEN311_CHANGESET,
        type: "production",
        formats: ["application/json", "text/xml"],
      },
    ],
  };
}
