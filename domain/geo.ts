/**
 * Coordinates of a complaint (WGS 84 decimal degrees): the sanity box a point must fall in, how a
 * point is written for people, and the links that open it in a map app.
 */

/** Indonesia with a margin for its outer islands and waters (Sabang to Merauke, Miangas to Rote). */
const INDONESIA_BOUNDS = { south: -11.5, north: 6.5, west: 94.5, east: 141.5 } as const;

export type LatLon = { lat: number; lon: number };

/** True when the point lies in Indonesia's bounding box (a swapped or 0,0 point does not). */
export function inIndonesia({ lat, lon }: LatLon): boolean {
  const b = INDONESIA_BOUNDS;
  return lat >= b.south && lat <= b.north && lon >= b.west && lon <= b.east;
}

/** Six decimals (~10 cm): more than any phone's GPS knows. */
export function formatCoordinates({ lat, lon }: LatLon): string {
  return `${lat.toFixed(6)}, ${lon.toFixed(6)}`;
}

/** OpenStreetMap at this point with a marker: opens in any browser (or a map app that claims the link). */
export function osmLink({ lat, lon }: LatLon): string {
  return `https://www.openstreetmap.org/?mlat=${lat.toFixed(6)}&mlon=${lon.toFixed(6)}#map=18/${lat.toFixed(6)}/${lon.toFixed(6)}`;
}

/** RFC 5870 `geo:` URI: on a phone it opens the installed map app (Google Maps, OsmAnd, Maps.me…). */
export function geoUri({ lat, lon }: LatLon): string {
  return `geo:${lat.toFixed(6)},${lon.toFixed(6)}`;
}
