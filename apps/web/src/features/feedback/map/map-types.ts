/**
 * The report map's vocabulary, apart from Leaflet so that pages can use it without loading the
 * map code (which comes lazily, with its CSS, from `leaflet-map.ts`).
 */
export type LatLng = { lat: number; lng: number };

/** How a point is coloured: being handled, overdue, or closed. */
export type PointTone = "open" | "late" | "closed";

/** A report on the map: a dot where it is exact, a circle (about 250 m) where it is approximate. */
export type MapPoint = {
  id: string;
  lat: number;
  lng: number;
  approximate: boolean;
  tone: PointTone;
  /** The popup's link text (the tracking code). */
  title: string;
  /** A line under it: category, status. */
  detail?: string;
  /** Where the popup's link goes (the report's page). */
  href?: string;
};

/** The words the map shows; Vietnamese unless a page passes others. */
export type MapTexts = {
  label: string;
  loading: string;
  unavailable: string;
  pin: string;
  zoomIn: string;
  zoomOut: string;
  closePopup: string;
};

export const MAP_TEXTS_VI: MapTexts = {
  label: "Bản đồ",
  loading: "Đang tải bản đồ…",
  unavailable: "Không tải được bản đồ",
  pin: "Ghim vị trí phản ánh",
  zoomIn: "Phóng to",
  zoomOut: "Thu nhỏ",
  closePopup: "Đóng",
};

export const MAP_TEXTS_EN: MapTexts = {
  label: "Map",
  loading: "Loading the map…",
  unavailable: "The map could not be loaded",
  pin: "Pin of the report's place",
  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  closePopup: "Close",
};

/** Radius of the circle drawn for an approximate place: half of the ~500 m blur grid. */
export const APPROXIMATE_RADIUS_METRES = 250;
