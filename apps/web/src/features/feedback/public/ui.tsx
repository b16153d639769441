import { useEffect, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { isOpenStatus, MAX_REPORT_PHOTOS, type ReportStatus } from "@phuong-xanh/shared";
import { PublicShell } from "../../../components/public-shell";
import { useI18n } from "../../../i18n/i18n";
import { useWard, withWard } from "../../public/portal-data";
import { MAP_TEXTS_EN, MAP_TEXTS_VI, type MapTexts } from "../map/map-types";
import { feedbackPaths } from "./feedback-api";
import { useFeedbackT } from "./messages";
import "../../public/public.css";
import "../../public/portal.css";
import "./feedback.css";

/**
 * The ward's own words (category names and questions, units, groups, what residents wrote) are
 * Vietnamese: they keep lang="vi" when the page around them is in English, so a screen reader
 * reads them as Vietnamese (WCAG 2.1 SC 3.1.2, language of parts), as on the public plan.
 */
export const DATA_LANG = "vi";

/** The frame of the report pages: the public top bar with the other report page, then the page. */
export function FeedbackShell({
  current,
  title,
  children,
}: {
  current: "report" | "follow" | "map";
  /** The document title. */
  title: string;
  children: ReactNode;
}) {
  const t = useFeedbackT();
  const ward = useWard();
  useEffect(() => {
    document.title = `${title} — Phường Xanh`;
  }, [title]);
  return (
    <PublicShell
      className="fb"
      nav={
        // One link: a phone's top bar (360 px) has room for the brand, the language and one more.
        current === "map" ? (
          <Link to={withWard(feedbackPaths.report, ward)} className="pub-link-button">
            {t("nav.report")}
          </Link>
        ) : (
          <Link to={withWard(feedbackPaths.map, ward)} className="pub-link-button">
            {t("nav.map")}
          </Link>
        )
      }
    >
      <main className="pub-main pp-main fb-main" id="noi-dung">
        {children}
      </main>
    </PublicShell>
  );
}

/** The map's words in the page's language. */
export function useMapTexts(): MapTexts {
  const { language } = useI18n();
  return language === "en" ? MAP_TEXTS_EN : MAP_TEXTS_VI;
}

/** A report's status as a chip: being handled (amber), fixed (green), closed otherwise (grey). */
export function ReportStatusChip({ status, label }: { status: ReportStatus; label: string }) {
  const tone = isOpenStatus(status) ? (status === "new" ? "new" : "open") : status === "fixed" ? "fixed" : "closed";
  return <span className={`pub-chip fb-chip-${tone}`}>{label}</span>;
}

export function LateChip() {
  const t = useFeedbackT();
  return <span className="pub-chip pub-chip-overdue">{t("status.late")}</span>;
}

/** The error under a field; its id is what the field's aria-describedby names. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="fb-error" id={id}>
      {message}
    </p>
  );
}

/**
 * Photos to send: "take a photo" (the camera) and "choose photos" (the gallery), thumbnails of
 * those chosen, each with a button to drop it. At most MAX_REPORT_PHOTOS; non-images are refused.
 */
export function PhotoPicker({
  id,
  photos,
  onChange,
  error,
  label,
}: {
  id: string;
  photos: File[];
  onChange: (photos: File[]) => void;
  error?: string | undefined;
  label: string;
}) {
  const t = useFeedbackT();
  const [note, setNote] = useState<string | undefined>(undefined);
  // Thumbnails from the files themselves (blob: addresses), released when the list changes.
  const [urls, setUrls] = useState<{ photo: File; url: string }[]>([]);
  useEffect(() => {
    const list = photos.map((photo) => ({ photo, url: URL.createObjectURL(photo) }));
    setUrls(list);
    return () => list.forEach(({ url }) => URL.revokeObjectURL(url));
  }, [photos]);
  const urlOf = (photo: File) => urls.find((u) => u.photo === photo)?.url;
  const full = photos.length >= MAX_REPORT_PHOTOS;

  function add(list: FileList | null) {
    if (!list) return;
    const chosen = Array.from(list);
    const images = chosen.filter((file) => file.type.startsWith("image/") || /\.(heic|heif)$/i.test(file.name));
    const refused = chosen.find((file) => !images.includes(file));
    const room = MAX_REPORT_PHOTOS - photos.length;
    if (refused) setNote(t("report.notImage", { name: refused.name }));
    else if (images.length > room) setNote(t("report.photosDropped", { max: MAX_REPORT_PHOTOS }));
    else setNote(undefined);
    if (room > 0 && images.length > 0) onChange([...photos, ...images.slice(0, room)]);
  }

  const describedBy = [error ? `${id}-error` : "", `${id}-hint`].filter(Boolean).join(" ");
  return (
    <div className="fb-field" data-field="photos">
      <span className="fb-label" id={`${id}-label`}>
        {label}
      </span>
      <p className="fb-hint" id={`${id}-hint`}>
        {t("report.photosHint")}
      </p>
      <div className="fb-photo-buttons">
        <label className={full ? "fb-file-button fb-disabled" : "fb-file-button"}>
          <input
            id={`${id}-camera`}
            className="px-visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={full}
            aria-describedby={describedBy}
            onChange={(event) => {
              add(event.currentTarget.files);
              event.currentTarget.value = "";
            }}
          />
          <Icon name="camera" />
          {t("report.takePhoto")}
        </label>
        <label className={full ? "fb-file-button fb-disabled" : "fb-file-button"}>
          <input
            id={`${id}-gallery`}
            className="px-visually-hidden"
            type="file"
            accept="image/*"
            multiple
            disabled={full}
            aria-describedby={describedBy}
            onChange={(event) => {
              add(event.currentTarget.files);
              event.currentTarget.value = "";
            }}
          />
          <Icon name="image" />
          {t("report.choosePhotos")}
        </label>
      </div>
      {(note ?? (full ? t("report.photosFull", { max: MAX_REPORT_PHOTOS }) : undefined)) && (
        <p className="fb-hint" role="status">
          {note ?? t("report.photosFull", { max: MAX_REPORT_PHOTOS })}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
      {photos.length > 0 && (
        <ul className="fb-thumbs" aria-labelledby={`${id}-label`}>
          {photos.map((photo, index) => (
            <li key={`${index}-${photo.name}-${photo.size}`}>
              {urlOf(photo) && <img src={urlOf(photo)} alt={t("report.photoAlt", { n: index + 1 })} />}
              <button
                type="button"
                className="fb-thumb-remove"
                aria-label={t("report.removePhoto", { n: index + 1 })}
                onClick={() => {
                  setNote(undefined);
                  onChange(photos.filter((_, i) => i !== index));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const ICONS = {
  camera:
    "M9 4 7.2 6H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 2 0 0 0-2-2h-3.2L15 4H9Zm3 4.5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9Zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5Z",
  image:
    "M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm0 2v9.6l4.3-4.3 3.2 3.2 4.5-4.5 4 4V6H4Zm4.5 1a1.8 1.8 0 1 1 0 3.6 1.8 1.8 0 0 1 0-3.6Z",
  locate:
    "M11 1h2v3.06A8 8 0 0 1 19.94 11H23v2h-3.06A8 8 0 0 1 13 19.94V23h-2v-3.06A8 8 0 0 1 4.06 13H1v-2h3.06A8 8 0 0 1 11 4.06V1Zm1 5a6 6 0 1 0 0 12 6 6 0 0 0 0-12Zm0 3a3 3 0 1 1 0 6 3 3 0 0 1 0-6Z",
} as const;

/** A small icon beside a button's words (decorative: the words name the button). */
export function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg className="fb-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={ICONS[name]} />
    </svg>
  );
}
