import { useEffect, useRef, useState } from "react";
import type { MapHandle } from "./leaflet-map";
import { MAP_TEXTS_VI, type LatLng, type MapPoint, type MapTexts } from "./map-types";
import "./map.css";

/**
 * The report map as a React component (public report form, public list, staff dashboard).
 * Leaflet and its CSS come in their own chunk, imported when the map mounts: until then, and if
 * they or the tiles never arrive, the page around keeps working and a short note says the map
 * could not be loaded.
 */
export type FeedbackMapProps = {
  centre: LatLng;
  zoom?: number;
  /** The pin (report form). */
  pin?: LatLng | null;
  /** Move the view to the pin when it changes (set by the phone's location or typed coordinates). */
  panToPin?: boolean;
  /** Tapping the map or dragging the pin places it. */
  onPick?: (at: LatLng) => void;
  /** Reports drawn on the map (public list, dashboard). */
  points?: readonly MapPoint[];
  /** Zoom to the points when they change. */
  fitPoints?: boolean;
  /** A popup's link was followed (client-side navigation). */
  onNavigate?: (href: string) => void;
  /** The map became usable (true) or could not load (false). */
  onAvailability?: (ok: boolean) => void;
  /** The map's controls for the page's own buttons ("pin the centre"). */
  onReady?: (controls: { centre: () => LatLng }) => void;
  texts?: MapTexts;
  className?: string;
};

type State = "loading" | "ready" | "unavailable";

export function FeedbackMap({
  centre,
  zoom = 15,
  pin = null,
  panToPin = false,
  onPick,
  points,
  fitPoints = false,
  onNavigate,
  onAvailability,
  onReady,
  texts = MAP_TEXTS_VI,
  className,
}: FeedbackMapProps) {
  const element = useRef<HTMLDivElement>(null);
  const handle = useRef<MapHandle | undefined>(undefined);
  const [state, setState] = useState<State>("loading");
  const [tilesOk, setTilesOk] = useState<boolean | undefined>(undefined);
  // The latest callbacks and values, read by the map created once on mount.
  const latest = useRef({ onPick, onNavigate, onAvailability, onReady, pin, points, fitPoints, centre, zoom, texts });
  latest.current = { onPick, onNavigate, onAvailability, onReady, pin, points, fitPoints, centre, zoom, texts };
  const picks = Boolean(onPick);

  useEffect(() => {
    let cancelled = false;
    const target = element.current;
    import("./leaflet-map").then(
      ({ createMap }) => {
        if (cancelled || !target) return;
        const now = latest.current;
        const map = createMap(target, {
          centre: now.centre,
          zoom: now.zoom,
          texts: now.texts,
          ...(picks ? { onPick: (at) => latest.current.onPick?.(at) } : {}),
          onOpen: (href) => {
            if (latest.current.onNavigate) latest.current.onNavigate(href);
            else window.location.assign(href);
          },
          onTiles: (ok) => {
            if (cancelled) return;
            setTilesOk(ok);
            latest.current.onAvailability?.(ok);
          },
        });
        handle.current = map;
        map.setPin(now.pin, now.pin !== null);
        if (now.points) map.setPoints(now.points, now.fitPoints);
        setState("ready");
        now.onReady?.({ centre: () => map.centre() });
      },
      () => {
        if (cancelled) return;
        setState("unavailable");
        latest.current.onAvailability?.(false);
      },
    );
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = undefined;
    };
  }, [picks]);

  const pinLat = pin?.lat;
  const pinLng = pin?.lng;
  useEffect(() => {
    handle.current?.setPin(
      pinLat === undefined || pinLng === undefined ? null : { lat: pinLat, lng: pinLng },
      panToPin,
    );
    // A pin is compared by value: the same place again moves nothing.
  }, [pinLat, pinLng, panToPin, state]);

  useEffect(() => {
    if (points) handle.current?.setPoints(points, fitPoints);
  }, [points, fitPoints, state]);

  const unavailable = state === "unavailable" || tilesOk === false;
  return (
    <div className={className ? `fbm ${className}` : "fbm"}>
      <div
        ref={element}
        className="fbm-canvas"
        role="region"
        aria-label={texts.label}
        data-state={unavailable ? "unavailable" : state}
      />
      {state === "loading" && (
        <p className="fbm-note" role="status">
          {texts.loading}
        </p>
      )}
      {unavailable && (
        <p className="fbm-note fbm-note-warn" role="status">
          {texts.unavailable}
        </p>
      )}
    </div>
  );
}
