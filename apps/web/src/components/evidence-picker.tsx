import { UploadOutlined } from "@ant-design/icons";
import { Button, Upload, type UploadFile } from "antd";
import { useI18n } from "../i18n/i18n";
import { EVIDENCE_ACCEPT, MAX_FILE_BYTES, MAX_FILES } from "../lib/uploads";

/**
 * Chooses evidence files for a form's multipart submit: they are kept, not uploaded on their
 * own, and a file over the size limit is refused at once (`onTooLarge`) rather than after a long
 * upload. `single` keeps one file, the last chosen.
 */
export function EvidencePicker({
  files,
  onChange,
  onTooLarge,
  single = false,
  label,
}: {
  files: UploadFile[];
  onChange: (files: UploadFile[]) => void;
  onTooLarge: (fileName: string) => void;
  single?: boolean;
  label?: string;
}) {
  const { t } = useI18n();
  return (
    <Upload
      multiple={!single}
      accept={EVIDENCE_ACCEPT}
      maxCount={single ? 1 : MAX_FILES}
      fileList={files}
      beforeUpload={(file) => {
        if (file.size > MAX_FILE_BYTES) {
          onTooLarge(file.name);
          return Upload.LIST_IGNORE;
        }
        return false;
      }}
      onChange={({ fileList }) => onChange(single ? fileList.slice(-1) : fileList)}
    >
      <Button icon={<UploadOutlined />}>{label ?? t("update.chooseFiles")}</Button>
    </Upload>
  );
}
