import { Suspense, lazy } from "react";
import { useNavigate } from "react-router";
import { Typography } from "antd";
import { EnvironmentOutlined } from "@ant-design/icons";
import { isOpenStatus, type ReportStatus } from "@phuong-xanh/shared";
import { useI18n } from "../../../i18n/i18n";
import { MAP_TEXTS_EN, MAP_TEXTS_VI, type LatLng, type MapPoint } from "../map/map-types";
import { coordinatesText, openStreetMapLink } from "./report-rules";
import { useFeedbackStaffT } from "./messages";

/** The map (and Leaflet behind it) loads only when a page shows one. */
const FeedbackMap = lazy(() => import("../map/feedback-map").then((module) => ({ default: module.FeedbackMap })));

/** How a report shows on the map: late in red, closed in grey. */
export function pointTone(report: { status: ReportStatus; late: boolean }): MapPoint["tone"] {
  if (!isOpenStatus(report.status)) return "closed";
  return report.late ? "late" : "open";
}

/**
 * A report's place: a small map with its pin, and always the coordinates with a link to
 * OpenStreetMap, which stay useful when the map or its tiles cannot load.
 */
export function ReportPlace({ at, zoom = 17 }: { at: LatLng; zoom?: number }) {
  const { language } = useI18n();
  const ft = useFeedbackStaffT();
  return (
    <div className="fb-map-fallback">
      <Suspense fallback={null}>
        <FeedbackMap
          centre={at}
          pin={at}
          zoom={zoom}
          className="fb-small-map"
          texts={language === "vi" ? MAP_TEXTS_VI : MAP_TEXTS_EN}
        />
      </Suspense>
      <span>
        <EnvironmentOutlined aria-hidden="true" />{" "}
        <Typography.Text copyable={{ text: coordinatesText(at.lat, at.lng) }}>
          {coordinatesText(at.lat, at.lng)}
        </Typography.Text>{" "}
        ·{" "}
        <a href={openStreetMapLink(at.lat, at.lng)} target="_blank" rel="noopener noreferrer">
          {ft("feedback.openStreetMap")}
        </a>
      </span>
    </div>
  );
}

/** Many reports on one map (the dashboard); a popup's link opens the report inside the app. */
export function ReportsMap({ points, centre }: { points: readonly MapPoint[]; centre: LatLng }) {
  const { language } = useI18n();
  const navigate = useNavigate();
  return (
    <Suspense fallback={null}>
      <FeedbackMap
        centre={centre}
        zoom={14}
        points={points}
        fitPoints
        onNavigate={(href) => void navigate(href)}
        texts={language === "vi" ? MAP_TEXTS_VI : MAP_TEXTS_EN}
      />
    </Suspense>
  );
}
