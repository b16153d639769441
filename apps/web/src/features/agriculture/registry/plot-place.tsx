import { Suspense, lazy } from "react";
import { Typography } from "antd";
import { EnvironmentOutlined } from "@ant-design/icons";
import { useI18n } from "../../../i18n/i18n";
import { MAP_TEXTS_EN, MAP_TEXTS_VI, type LatLng } from "../../feedback/map/map-types";
import { useRegistryT } from "./messages";

/** The map (and Leaflet behind it) loads only when a plot with a place is shown. */
const FeedbackMap = lazy(() =>
  import("../../feedback/map/feedback-map").then((module) => ({ default: module.FeedbackMap })),
);

const coordinates = (at: LatLng) => `${at.lat.toFixed(5)}, ${at.lng.toFixed(5)}`;

/**
 * A plot's place on a small map (the reports' map component), with the coordinates and a link
 * to OpenStreetMap beside it: those stay useful when the map or its tiles cannot load.
 */
export function PlotPlace({ at, name }: { at: LatLng; name: string }) {
  const t = useRegistryT();
  const { language } = useI18n();
  const texts = { ...(language === "vi" ? MAP_TEXTS_VI : MAP_TEXTS_EN), pin: t("reg.mapPin") };
  return (
    <figure className="reg-place" aria-label={t("reg.locationOf", { name })}>
      <Suspense fallback={null}>
        <FeedbackMap centre={at} pin={at} zoom={16} className="reg-small-map" texts={texts} />
      </Suspense>
      <figcaption>
        <EnvironmentOutlined aria-hidden="true" />{" "}
        <Typography.Text copyable={{ text: coordinates(at) }}>{coordinates(at)}</Typography.Text> ·{" "}
        <a
          href={`https://www.openstreetmap.org/?mlat=${at.lat}&mlon=${at.lng}#map=17/${at.lat}/${at.lng}`}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t("reg.openStreetMap")}
        </a>
      </figcaption>
    </figure>
  );
}
