import { PaperClipOutlined } from "@ant-design/icons";
import type { FileRef } from "@phuong-xanh/shared";
import { downloads } from "../lib/endpoints";
import { useFormat } from "../i18n/format";
import { useI18n } from "../i18n/i18n";

function sizeText(bytes: number, number: (n: number, digits?: number) => string): string {
  if (bytes >= 1_048_576) return `${number(bytes / 1_048_576, 1)} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024, 0)} KB`;
  return `${number(bytes, 0)} B`;
}

export function FileLinks({ files }: { files: FileRef[] }) {
  const format = useFormat();
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label={t("common.files")}>
      {files.map((file) => (
        <li key={file.id}>
          <a href={downloads.file(file.id)} download={file.filename}>
            <PaperClipOutlined /> {file.filename}
          </a>{" "}
          <span className="staff-muted">({sizeText(file.size, format.number)})</span>
        </li>
      ))}
    </ul>
  );
}
