import { useState } from "react";
import { App, Space, Switch } from "antd";
import { PaperClipOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import type { FileRef, TaskDetail } from "@phuong-xanh/shared";
import { api, downloads, queryKeys } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useFormat } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";

/** Photos re-encoded without EXIF on upload: the only files that may go on the public page. */
const isPhoto = (file: FileRef) => ["image/jpeg", "image/png", "image/webp"].includes(file.mimeType);

function sizeText(bytes: number, number: (n: number, digits?: number) => string): string {
  if (bytes >= 1_048_576) return `${number(bytes / 1_048_576, 1)} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes, 0)} B`;
}

/**
 * The evidence files of one progress update. Whoever may report on the task can publish a photo
 * on the task's public page (off by default) or withdraw it; documents stay internal.
 */
export function TaskUpdateFiles({ task, files }: { task: TaskDetail; files: FileRef[] }) {
  const format = useFormat();
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label={t("common.files")}>
      {files.map((file) => (
        <li key={file.id}>
          <Space wrap size={8}>
            <span>
              <a href={downloads.file(file.id)} download={file.filename}>
                <PaperClipOutlined /> {file.filename}
              </a>{" "}
              <span className="staff-muted">({sizeText(file.size, format.number)})</span>
            </span>
            {task.can.update && isPhoto(file) && <PublicSwitch task={task} file={file} />}
          </Space>
        </li>
      ))}
    </ul>
  );
}

function PublicSwitch({ task, file }: { task: TaskDetail; file: FileRef }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const isPublic = file.isPublic ?? false;
  async function toggle(next: boolean) {
    setSaving(true);
    try {
      await api.setTaskFilePublic(task.id, file.id, next);
      await queryClient.invalidateQueries({ queryKey: queryKeys.task(task.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.taskHistory(task.id) });
      void message.success(t(next ? "photo.published" : "photo.withdrawn", { name: file.filename }));
    } catch (cause) {
      void message.error(errorMessage(cause, t("common.saveFailed")));
    } finally {
      setSaving(false);
    }
  }
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
      <Switch
        size="small"
        checked={isPublic}
        loading={saving}
        aria-label={t("photo.publicOf", { name: file.filename })}
        onChange={(next) => void toggle(next)}
      />
      <span aria-hidden="true">{t("photo.public")}</span>
    </span>
  );
}
