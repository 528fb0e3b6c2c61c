/**
 * The map pin of /lapor (Leaflet), fetched only when the reporter presses "Tandai di peta".
 * Tiles come from MAP_TILE_URL; when they cannot load (no network, tile server down) the map
 * still takes a tap or a drag and the coordinates below it are filled all the same.
 */
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./map.css";
import type { MapModule } from "./island-config";

export const openMap: MapModule["openMap"] = (el, opts) => {
  const [clat, clon, zoom] = opts.center;
  const map = L.map(el, { center: opts.point ?? [clat, clon], zoom: opts.point ? 17 : zoom, tap: true } as L.MapOptions);
  let failed = false;
  L.tileLayer(opts.tiles, { attribution: opts.attribution, maxZoom: 19 })
    .on("tileerror", () => {
      if (failed) return;
      failed = true;
      el.dataset.tiles = "failed";
      opts.onTilesFailed();
    })
    .addTo(map);
  // A drawn marker (no image files to find): a ring the finger can hold.
  const icon = L.divIcon({ className: "pintu-pin", iconSize: [28, 28], iconAnchor: [14, 14] });
  let marker: L.Marker | null = null;
  const place = (lat: number, lon: number) => {
    if (marker) marker.setLatLng([lat, lon]);
    else {
      marker = L.marker([lat, lon], { draggable: true, icon, keyboard: true, title: "Titik lokasi" }).addTo(map);
      marker.on("dragend", () => {
        const p = marker!.getLatLng();
        opts.onMove(p.lat, p.lng);
      });
    }
  };
  if (opts.point) place(opts.point[0], opts.point[1]);
  map.on("click", (e: L.LeafletMouseEvent) => {
    place(e.latlng.lat, e.latlng.lng);
    opts.onMove(e.latlng.lat, e.latlng.lng);
  });
  return {
    setPoint(lat, lon) {
      place(lat, lon);
      map.setView([lat, lon], Math.max(map.getZoom(), 16));
    },
  };
};
