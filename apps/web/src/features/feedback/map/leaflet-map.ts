import {
  circle,
  circleMarker,
  control,
  divIcon,
  featureGroup,
  map as leafletMap,
  marker,
  tileLayer,
  type Layer,
  type Marker,
} from "leaflet";
import "leaflet/dist/leaflet.css";
import { APPROXIMATE_RADIUS_METRES, type LatLng, type MapPoint, type MapTexts, type PointTone } from "./map-types";

/**
 * The Leaflet side of the report map, loaded lazily (dynamic import) with Leaflet and its CSS:
 * the pages around it work before it arrives and without it. OpenStreetMap tiles; where they do
 * not load (offline, blocked) the map says so through `onTiles(false)` and the page offers other
 * ways to give a place.
 */

export const TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
/** No tile at all by then: the map is taken as unavailable (a late tile still clears it). */
const TILE_TIMEOUT_MS = 10_000;

const TONE_COLOURS: Record<PointTone, string> = { open: "#c62828", late: "#8e24aa", closed: "#2e7d32" };

export type MapOptions = {
  centre: LatLng;
  zoom: number;
  texts: MapTexts;
  /** Tapping the map (or dragging the pin) places the pin there. */
  onPick?: (at: LatLng) => void;
  /** A popup's link was followed: the page navigates (client-side) instead of reloading. */
  onOpen?: (href: string) => void;
  /** Whether tiles load: false after errors (or none in 10 s), true once one arrives. */
  onTiles?: (ok: boolean) => void;
};

export type MapHandle = {
  setPin(pin: LatLng | null, pan?: boolean): void;
  setPoints(points: readonly MapPoint[], fit: boolean): void;
  centre(): LatLng;
  invalidate(): void;
  destroy(): void;
};

export function createMap(element: HTMLElement, options: MapOptions): MapHandle {
  const { texts } = options;
  const view = leafletMap(element, { zoomControl: false, attributionControl: true });
  view.setView([options.centre.lat, options.centre.lng], options.zoom);
  control.zoom({ zoomInTitle: texts.zoomIn, zoomOutTitle: texts.zoomOut }).addTo(view);
  view.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');

  let loaded = 0;
  const tiles = tileLayer(TILE_URL, { maxZoom: 19, attribution: ATTRIBUTION, crossOrigin: false });
  tiles.on("tileload", () => {
    loaded++;
    if (loaded === 1) options.onTiles?.(true);
  });
  tiles.on("tileerror", () => {
    if (loaded === 0) options.onTiles?.(false);
  });
  tiles.addTo(view);
  const timer = window.setTimeout(() => {
    if (loaded === 0) options.onTiles?.(false);
  }, TILE_TIMEOUT_MS);
  if (typeof navigator !== "undefined" && navigator.onLine === false) options.onTiles?.(false);

  const pinIcon = divIcon({
    className: "fbm-pin",
    html: '<span class="fbm-pin-head" aria-hidden="true"></span>',
    iconSize: [30, 42],
    iconAnchor: [15, 42],
  });
  let pin: Marker | undefined;
  const onPick = options.onPick;
  if (onPick) {
    view.on("click", (event) => onPick({ lat: event.latlng.lat, lng: event.latlng.lng }));
  }

  const points = featureGroup().addTo(view);

  function popupContent(point: MapPoint): HTMLElement {
    const box = document.createElement("div");
    box.className = "fbm-popup";
    const title = document.createElement(point.href ? "a" : "strong");
    title.textContent = point.title;
    if (point.href && title instanceof HTMLAnchorElement) {
      const href = point.href;
      title.href = href;
      if (options.onOpen) {
        const open = options.onOpen;
        title.addEventListener("click", (event) => {
          event.preventDefault();
          open(href);
        });
      }
    }
    box.append(title);
    if (point.detail) {
      const detail = document.createElement("div");
      detail.textContent = point.detail;
      box.append(detail);
    }
    return box;
  }

  /** Leaflet's close button says "Close popup" in English; say it in the page's language. */
  view.on("popupopen", (event) => {
    const button = event.popup.getElement()?.querySelector(".leaflet-popup-close-button");
    button?.setAttribute("aria-label", texts.closePopup);
  });

  return {
    setPin(next, pan = false) {
      if (!next) {
        pin?.remove();
        pin = undefined;
        return;
      }
      if (!pin) {
        pin = marker([next.lat, next.lng], {
          icon: pinIcon,
          draggable: Boolean(onPick),
          keyboard: true,
          title: texts.pin,
          autoPan: true,
        }).addTo(view);
        pin.getElement()?.setAttribute("aria-label", texts.pin);
        if (onPick) {
          const placed = pin;
          placed.on("dragend", () => {
            const at = placed.getLatLng();
            onPick({ lat: at.lat, lng: at.lng });
          });
        }
      } else {
        pin.setLatLng([next.lat, next.lng]);
      }
      if (pan) view.setView([next.lat, next.lng], Math.max(view.getZoom(), 16));
    },
    setPoints(list, fit) {
      points.clearLayers();
      for (const point of list) {
        const colour = TONE_COLOURS[point.tone];
        const layer: Layer = point.approximate
          ? circle([point.lat, point.lng], {
              radius: APPROXIMATE_RADIUS_METRES,
              color: colour,
              weight: 2,
              dashArray: "6 4",
              fillColor: colour,
              fillOpacity: 0.15,
            })
          : circleMarker([point.lat, point.lng], {
              radius: 9,
              color: "#fff",
              weight: 2,
              fillColor: colour,
              fillOpacity: 1,
            });
        layer.bindPopup(() => popupContent(point));
        points.addLayer(layer);
      }
      if (fit && list.length > 0) view.fitBounds(points.getBounds(), { maxZoom: 16, padding: [24, 24] });
    },
    centre() {
      const at = view.getCenter();
      return { lat: at.lat, lng: at.lng };
    },
    invalidate() {
      view.invalidateSize();
    },
    destroy() {
      window.clearTimeout(timer);
      view.remove();
    },
  };
}
