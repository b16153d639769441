import { useEffect, useRef, useState } from "react";
import { Button } from "antd";
import { CameraOutlined, CloseOutlined, UndoOutlined } from "@ant-design/icons";
import { MAX_DIARY_PHOTOS, type FileRef } from "@phuong-xanh/shared";
import { diaryPhotoUrl } from "./diary-api";
import { useDiaryT } from "./messages";

/** An object URL for a file while the component shows it (released afterwards). */
export function useObjectUrl(file: Blob): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const next = URL.createObjectURL(file);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [file]);
  return url;
}

function ChosenThumb({ file, n, onRemove }: { file: File; n: number; onRemove: () => void }) {
  const t = useDiaryT();
  const url = useObjectUrl(file);
  return (
    <li className="diary-photo">
      {url && <img src={url} alt={t("diary.photoChosenAlt", { n })} />}
      <Button
        size="small"
        shape="circle"
        icon={<CloseOutlined />}
        aria-label={t("diary.photoRemove", { n })}
        onClick={onRemove}
      />
    </li>
  );
}

/**
 * The entry's photos in the drawer: those it has (an edit: each can be marked for removal) and
 * those chosen now, from the camera or the gallery, up to MAX_DIARY_PHOTOS in all.
 */
export function PhotoPicker({
  existing,
  removed,
  onToggleRemoved,
  chosen,
  onChosen,
  date,
}: {
  existing: readonly FileRef[];
  removed: readonly string[];
  onToggleRemoved: (fileId: string) => void;
  chosen: readonly File[];
  onChosen: (files: File[]) => void;
  date: string;
}) {
  const t = useDiaryT();
  const input = useRef<HTMLInputElement>(null);
  const [tooMany, setTooMany] = useState(false);
  const kept = existing.length - removed.length;
  const room = MAX_DIARY_PHOTOS - kept - chosen.length;

  function pick(list: FileList | null) {
    const images = [...(list ?? [])].filter((f) => f.type.startsWith("image/"));
    const free = MAX_DIARY_PHOTOS - kept - chosen.length;
    setTooMany(images.length > free);
    onChosen([...chosen, ...images.slice(0, Math.max(0, free))]);
    if (input.current) input.current.value = "";
  }

  return (
    <div className="diary-photos-field" role="group" aria-label={t("diary.photos")}>
      <div className="diary-photos-label">{t("diary.photos")}</div>
      {(existing.length > 0 || chosen.length > 0) && (
        <ul className="diary-photos">
          {existing.map((photo, i) => {
            const isRemoved = removed.includes(photo.id);
            return (
              <li key={photo.id} className={isRemoved ? "diary-photo diary-photo-removed" : "diary-photo"}>
                <img src={diaryPhotoUrl(photo.id)} alt={t("diary.photoAlt", { n: i + 1, date })} />
                <Button
                  size="small"
                  shape="circle"
                  icon={isRemoved ? <UndoOutlined /> : <CloseOutlined />}
                  aria-label={t(isRemoved ? "diary.photoUndoRemove" : "diary.photoRemove", { n: i + 1 })}
                  disabled={isRemoved && room <= 0}
                  onClick={() => onToggleRemoved(photo.id)}
                />
              </li>
            );
          })}
          {chosen.map((file, i) => (
            <ChosenThumb
              key={`${file.name}-${file.size}-${file.lastModified}-${i}`}
              file={file}
              n={existing.length + i + 1}
              onRemove={() => {
                setTooMany(false);
                onChosen(chosen.filter((_, j) => j !== i));
              }}
            />
          ))}
        </ul>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        className="diary-photo-input"
        aria-label={t("diary.addPhotos")}
        tabIndex={-1}
        onChange={(e) => pick(e.target.files)}
      />
      <Button icon={<CameraOutlined />} disabled={room <= 0} onClick={() => input.current?.click()}>
        {t("diary.addPhotos")}
      </Button>
      <span className="diary-muted"> {t("diary.photosHint", { max: MAX_DIARY_PHOTOS })}</span>
      {tooMany && (
        <div className="diary-error" role="alert">
          {t("diary.photosTooMany", { max: MAX_DIARY_PHOTOS })}
        </div>
      )}
    </div>
  );
}
