import { useEffect, useState } from "react";
import { Button, Popconfirm, Tag } from "antd";
import { EnvironmentOutlined } from "@ant-design/icons";
import type { DiaryEntry, FileRef, Season } from "@phuong-xanh/shared";
import { formatDate } from "../../../i18n/format";
import { diaryPhotoUrl } from "./diary-api";
import { useFormat } from "../../../i18n/format";
import { fieldLabel, KIND_FIELDS, kindOf, type FieldUnit } from "./entry-form";
import { diaryText, kindLabel, type EntryTarget } from "./entry-drawer";
import { useDiaryT, type DiaryTranslate } from "./messages";
import type { QueuedEntry } from "./offline-queue";
import { useObjectUrl } from "./photo-picker";
import { photoStore, toFile } from "./photo-store";

/** A saved entry's photos: small thumbnails, each a link to the full image. */
function SavedPhotos({ photos, date }: { photos: readonly FileRef[]; date: string }) {
  const t = useDiaryT();
  if (photos.length === 0) return null;
  return (
    <div className="diary-photos diary-entry-photos">
      {photos.map((photo, i) => (
        <span key={photo.id} className="diary-photo">
          <a href={diaryPhotoUrl(photo.id)} target="_blank" rel="noreferrer">
            <img
              src={diaryPhotoUrl(photo.id)}
              alt={t("diary.photoAlt", { n: i + 1, date: formatDate(date) })}
              loading="lazy"
            />
          </a>
        </span>
      ))}
    </div>
  );
}

function WaitingThumb({ file, n, date }: { file: File; n: number; date: string }) {
  const t = useDiaryT();
  const url = useObjectUrl(file);
  return (
    <span className="diary-photo">
      {url && <img src={url} alt={t("diary.photoWaitingAlt", { n, date: formatDate(date) })} />}
    </span>
  );
}

/** The photos of an entry still on the phone, read from IndexedDB (again whenever they change). */
function WaitingPhotos({ clientId, date, version }: { clientId: string; date: string; version: number }) {
  const [files, setFiles] = useState<File[]>([]);
  useEffect(() => {
    let live = true;
    photoStore()
      .get(clientId)
      .then((record) => live && setFiles(record ? record.photos.map(toFile) : []))
      .catch(() => live && setFiles([]));
    return () => {
      live = false;
    };
  }, [clientId, version]);
  if (files.length === 0) return null;
  return (
    <div className="diary-photos diary-entry-photos">
      {files.map((file, i) => (
        <WaitingThumb key={i} file={file} n={i + 1} date={date} />
      ))}
    </div>
  );
}

type Row = {
  key: string;
  occurredOn: string;
  details: Record<string, unknown>;
  note: string | null;
  hasLocation: boolean;
  /** Its place among the saved entries of one day (the server lists them as written). */
  order: number;
} & ({ queued: QueuedEntry; saved?: undefined } | { saved: DiaryEntry; queued?: undefined });

/** Newest first; of one day, what still waits on the phone first, then the last written. */
export function entryRows(entries: readonly DiaryEntry[], queued: readonly QueuedEntry[]): Row[] {
  const rows: Row[] = [
    ...queued.map((q, i) => ({
      key: q.entry.clientId,
      occurredOn: q.entry.occurredOn,
      details: q.entry.details as Record<string, unknown>,
      note: q.entry.note ?? null,
      hasLocation: q.entry.latitude !== undefined,
      order: entries.length + i,
      queued: q,
    })),
    ...entries
      // A resend the server has already saved shows once, as saved.
      .filter((e) => !queued.some((q) => q.entry.clientId === e.clientId))
      .map((e, i) => ({
        key: e.clientId,
        occurredOn: e.occurredOn,
        details: e.details,
        note: e.note,
        hasLocation: e.latitude !== null,
        order: i,
        saved: e,
      })),
  ];
  return rows.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.order - a.order);
}

/** " kg", "%" (no space before a percent sign, as Vietnamese and English write it), or nothing. */
function unitSuffix(t: DiaryTranslate, unit: FieldUnit | undefined): string {
  if (!unit) return "";
  return unit === "percent" ? "%" : ` ${diaryText(t, `diary.unit.${unit}`)}`;
}

/** "Tên phân: Urê · Lượng phân (cả thửa): 12 kg": the particulars the kind's form asked for. */
function summaryOf(t: DiaryTranslate, details: Record<string, unknown>, number: (n: number) => string): string {
  const kind = kindOf(details);
  if (!kind) return "";
  const parts: string[] = [];
  for (const spec of KIND_FIELDS[kind]) {
    const label = diaryText(t, `diary.field.${fieldLabel(spec)}`);
    if (spec.key === "amendmentType" || spec.key === "amendmentTonnesPerHa") continue;
    const value = details[spec.key];
    if (value === undefined || value === null || value === "") continue;
    switch (spec.type) {
      case "switch":
        if (value === true) parts.push(label);
        break;
      case "select":
        parts.push(`${label}: ${diaryText(t, `diary.option.${fieldLabel(spec)}.${String(value)}`)}`);
        break;
      case "number":
        if (typeof value === "number") parts.push(`${label}: ${number(value)}${unitSuffix(t, spec.unit)}`);
        break;
      case "text":
        parts.push(`${label}: ${String(value)}`);
        break;
    }
  }
  const amendments = details.amendments;
  if (Array.isArray(amendments))
    for (const a of amendments as { type?: unknown; tonnesPerHa?: unknown }[])
      parts.push(
        `${diaryText(t, `diary.option.amendmentType.${String(a.type)}`)}: ${typeof a.tonnesPerHa === "number" ? number(a.tonnesPerHa) : "?"} ${t("diary.unit.tonnePerHa")}`,
      );
  return parts.join(" · ");
}

export function EntryList({
  season,
  queued,
  online,
  deleting,
  onEdit,
  onDelete,
  onDiscard,
  onResend,
  photosVersion,
}: {
  season: Season;
  queued: readonly QueuedEntry[];
  online: boolean;
  deleting: string | null;
  onEdit: (target: EntryTarget) => void;
  onDelete: (entry: DiaryEntry) => void;
  onDiscard: (clientId: string) => void;
  onResend: (clientId: string) => void;
  /** Changes when the photos kept on the phone change. */
  photosVersion: number;
}) {
  const t = useDiaryT();
  const format = useFormat();
  const isOpen = season.closedOn === null;
  const rows = entryRows(season.entries, queued);

  return (
    <section className="diary-card" aria-labelledby="diary-entries-heading">
      <h2 id="diary-entries-heading">{t("diary.entries", { count: format.number(rows.length, 0) })}</h2>
      {rows.length === 0 ? (
        <p className="diary-muted">{t("diary.noEntries")}</p>
      ) : (
        <ul className="diary-entries">
          {rows.map((row) => {
            const kind = kindOf(row.details);
            return (
              <li key={row.key} className={row.queued ? "diary-entry diary-entry-queued" : "diary-entry"}>
                <div className="diary-entry-head">
                  <strong>{kind ? kindLabel(t, kind) : String(row.details.kind)}</strong>
                  <span className="diary-muted">{format.date(row.occurredOn)}</span>
                  {row.queued &&
                    (row.queued.error ? (
                      <Tag color="#a8071a">{t("diary.refused")}</Tag>
                    ) : (
                      <Tag color="#8a5a00">{t("diary.pending")}</Tag>
                    ))}
                  {/* Who wrote it: a farm's own account, or an officer for it under its consent. */}
                  {row.saved?.byProxy && <Tag>{t("diary.byProxy")}</Tag>}
                  {row.hasLocation && (
                    <EnvironmentOutlined aria-label={t("diary.entryAt")} title={t("diary.entryAt")} />
                  )}
                </div>
                <div>{summaryOf(t, row.details, (n) => format.number(n))}</div>
                {row.note && <div className="diary-note">{row.note}</div>}
                {row.saved ? (
                  <SavedPhotos photos={row.saved.photos} date={row.occurredOn} />
                ) : (
                  <WaitingPhotos clientId={row.key} date={row.occurredOn} version={photosVersion} />
                )}
                {row.queued?.error && <div className="diary-error">{row.queued.error}</div>}
                {isOpen && (
                  <div className="diary-entry-actions">
                    {row.queued ? (
                      <>
                        <Button onClick={() => row.queued && onEdit({ mode: "queued", item: row.queued })}>
                          {t("diary.edit")}
                        </Button>
                        {row.queued.error && (
                          <Button disabled={!online} onClick={() => onResend(row.key)}>
                            {t("diary.resend")}
                          </Button>
                        )}
                        <Popconfirm
                          title={t("diary.discardConfirm")}
                          okText={t("diary.discard")}
                          cancelText={t("diary.cancel")}
                          onConfirm={() => onDiscard(row.key)}
                        >
                          <Button danger>{t("diary.discard")}</Button>
                        </Popconfirm>
                      </>
                    ) : (
                      <>
                        <Button
                          disabled={!online}
                          onClick={() => row.saved && onEdit({ mode: "saved", entry: row.saved })}
                        >
                          {t("diary.edit")}
                        </Button>
                        <Popconfirm
                          title={t("diary.deleteConfirm")}
                          okText={t("diary.delete")}
                          cancelText={t("diary.cancel")}
                          onConfirm={() => row.saved && onDelete(row.saved)}
                          disabled={!online}
                        >
                          <Button danger disabled={!online} loading={deleting === row.saved.id}>
                            {t("diary.delete")}
                          </Button>
                        </Popconfirm>
                      </>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
