/**
 * The /lapor form's only JavaScript (issue 15 item 7): checks each field as the citizen leaves it,
 * sends the form once, and offers "use my location" and the map pin. The form itself is plain
 * HTML posted to the server action, as without JavaScript; React is not loaded on this page
 * (scripts/light-pages.ts), so this island brings only the zod-free checks
 * (domain/complaint-checks.ts) and its messages. The map (islands/map.ts, Leaflet) is fetched
 * only when asked for.
 */
import { checkComplaintFields } from "@/domain/complaint-checks";
import { LAPOR_ISLAND_ID, type LaporIslandConfig, type MapModule } from "./island-config";

const CHECKED = ["title", "body", "address", "lat", "lon", "incidentDate", "reporterName", "reporterPhone", "reporterEmail", "nik"];

function start() {
  const cfgEl = document.getElementById(LAPOR_ISLAND_ID);
  const form = document.querySelector<HTMLFormElement>("form[data-complaint-form]");
  // Under `next dev` (no light pages) React runs the form itself.
  if (!cfgEl || !form || document.querySelector('script[src*="/_next/"]')) return;
  const cfg = JSON.parse(cfgEl.textContent ?? "{}") as LaporIslandConfig;
  form.dataset.live = "1";

  const message = (key: string) => {
    const [name, n] = key.split("|", 2) as [string, string | undefined];
    const text = cfg.errors[name] ?? cfg.errors.invalid ?? name;
    return n === undefined ? text : text.replace("{n}", n);
  };
  const control = (name: string) => document.getElementById(`f-${name}`);
  // Errors the server rendered stay until the citizen changes that field.
  const fromServer = new Set(CHECKED.filter((f) => document.getElementById(`f-${f}-error`)));
  const touched = new Set<string>();

  function show(name: string, errors: string[]) {
    const input = control(name);
    if (!input) return;
    const id = `f-${name}-error`;
    let list = document.getElementById(id);
    if (errors.length === 0) {
      list?.remove();
      input.removeAttribute("aria-invalid");
    } else {
      if (!list) {
        list = document.createElement("ul");
        list.id = id;
        list.className = "text-sm font-medium text-red-700";
        input.insertAdjacentElement("afterend", list);
      }
      list.replaceChildren(...errors.map((e) => Object.assign(document.createElement("li"), { textContent: message(e) })));
      input.setAttribute("aria-invalid", "true");
    }
    const hint = document.getElementById(`f-${name}-hint`) ? `f-${name}-hint` : null;
    const described = [hint, errors.length ? id : null].filter(Boolean).join(" ");
    if (described) input.setAttribute("aria-describedby", described);
    else input.removeAttribute("aria-describedby");
  }

  function check() {
    const raw: Record<string, string> = {};
    for (const [k, v] of new FormData(form!)) if (typeof v === "string") raw[k] = v;
    const errors = checkComplaintFields(raw, cfg.today);
    for (const f of CHECKED) if (!fromServer.has(f)) show(f, touched.has(f) ? (errors[f] ?? []) : []);
  }

  form.addEventListener("focusout", (e) => {
    const name = (e.target as HTMLInputElement).name;
    if (!name || !CHECKED.includes(name)) return;
    touched.add(name);
    check();
  });
  form.addEventListener("input", (e) => {
    const name = (e.target as HTMLInputElement).name;
    if (name && fromServer.delete(name)) touched.add(name);
    check();
  });

  // One post per page view: a double click (or an impatient second tap) sends nothing more.
  let sending = false;
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  form.addEventListener("submit", (e) => {
    if (sending) return void e.preventDefault();
    sending = true;
    setTimeout(() => {
      if (!button) return;
      button.setAttribute("aria-disabled", "true");
      button.textContent = cfg.text.submitting;
    });
  });
  // Back from the receipt (page kept by the browser): the form may be sent again.
  window.addEventListener("pageshow", (e) => {
    if (e.persisted) sending = false;
  });

  location(form, cfg);
}

/** "Use my location" and the map pin: both only fill the two coordinate fields. */
function location(form: HTMLFormElement, cfg: LaporIslandConfig) {
  const tools = form.querySelector<HTMLElement>("[data-geo-tools]");
  const lat = form.querySelector<HTMLInputElement>("input[name=lat]");
  const lon = form.querySelector<HTMLInputElement>("input[name=lon]");
  if (!tools || !lat || !lon) return;
  const status = tools.querySelector<HTMLElement>("[data-geo-status]")!;
  const locate = tools.querySelector<HTMLButtonElement>("[data-geo-locate]")!;
  const mapButton = tools.querySelector<HTMLButtonElement>("[data-geo-map]")!;
  let map: ReturnType<MapModule["openMap"]> | null = null;

  const point = (): [number, number] | null => {
    const a = Number(lat.value.replace(",", "."));
    const b = Number(lon.value.replace(",", "."));
    return lat.value.trim() && lon.value.trim() && Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null;
  };
  const fill = (a: number, b: number) => {
    lat.value = a.toFixed(6);
    lon.value = b.toFixed(6);
    // The fields changed: the live checks run as if typed.
    lat.dispatchEvent(new Event("input", { bubbles: true }));
  };

  tools.hidden = false;
  if (!("geolocation" in navigator)) locate.hidden = true;
  locate.addEventListener("click", () => {
    status.textContent = cfg.text.locating;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        fill(pos.coords.latitude, pos.coords.longitude);
        map?.setPoint(pos.coords.latitude, pos.coords.longitude);
        status.textContent = cfg.text.located.replace("{m}", String(Math.round(pos.coords.accuracy)));
      },
      (err) => {
        status.textContent = err.code === err.PERMISSION_DENIED ? cfg.text.locateDenied : cfg.text.locateFailed;
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  });

  if (!cfg.map) return;
  const m = cfg.map;
  mapButton.hidden = false;
  mapButton.addEventListener("click", async () => {
    mapButton.hidden = true;
    const box = tools.querySelector<HTMLElement>("[data-geo-map-box]")!;
    box.hidden = false;
    const css = Object.assign(document.createElement("link"), { rel: "stylesheet", href: m.style });
    document.head.append(css);
    const mod = (await import(/* the map's own file, fetched now */ m.script)) as MapModule;
    map = mod.openMap(box.querySelector<HTMLElement>("[data-geo-map-canvas]")!, {
      tiles: m.tiles,
      attribution: m.attribution,
      center: m.center,
      point: point(),
      onMove: fill,
      onTilesFailed: () => {
        status.textContent = cfg.text.mapTilesFailed;
      },
    });
    const follow = () => {
      const p = point();
      if (p) map?.setPoint(p[0], p[1]);
    };
    lat.addEventListener("change", follow);
    lon.addEventListener("change", follow);
  });
}

start();
