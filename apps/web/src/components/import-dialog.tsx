import { useState } from "react";
import { Alert, Button, Modal, Progress, Space, Table, Typography, Upload } from "antd";
import { UploadOutlined } from "@ant-design/icons";
import type { ImportResult, ImportRowError } from "@phuong-xanh/shared";
import type { ImportMode, UploadProgress } from "../lib/endpoints";
import { useI18n } from "../i18n/i18n";
import { ErrorAlert } from "./query-state";

/**
 * Upload an XLSX (or CSV) file; show the row-by-row error report; offer to save only the valid
 * rows. The first attempt is all-or-nothing, so a file with mistakes changes nothing until the
 * officer chooses "Lưu các dòng hợp lệ". A large file shows a progress bar: the bytes sent,
 * then the server reading and checking it.
 */

/** From this size on, sending and checking a file takes long enough to show its progress. */
export const LARGE_IMPORT_BYTES = 256 * 1024;

type ImportProgress = { phase: "uploading"; percent: number } | { phase: "processing" };
export function ImportDialog({
  open,
  title,
  accept = ".xlsx,.csv",
  onClose,
  submit,
  onSaved,
}: {
  open: boolean;
  title: string;
  accept?: string;
  onClose: () => void;
  submit: (form: FormData, mode: ImportMode, onProgress?: UploadProgress) => Promise<ImportResult>;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [result, setResult] = useState<ImportResult | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | undefined>();

  function reset() {
    setFile(undefined);
    setResult(undefined);
    setError(undefined);
    setBusy(false);
    setProgress(undefined);
  }

  async function send(mode: ImportMode) {
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name);
    setBusy(true);
    setError(undefined);
    const large = file.size >= LARGE_IMPORT_BYTES;
    if (large) setProgress({ phase: "uploading", percent: 0 });
    const onProgress: UploadProgress = (sent, total) =>
      setProgress(
        sent >= total ? { phase: "processing" } : { phase: "uploading", percent: Math.floor((sent / total) * 100) },
      );
    try {
      const outcome = await submit(form, mode, large ? onProgress : undefined);
      setResult(outcome);
      if (outcome.saved) onSaved();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  const errors = result?.errors ?? [];

  return (
    <Modal
      open={open}
      title={title}
      width={760}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={null}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        <Upload
          accept={accept}
          maxCount={1}
          beforeUpload={(picked) => {
            setFile(picked);
            setResult(undefined);
            setError(undefined);
            return false;
          }}
          onRemove={() => {
            setFile(undefined);
            setResult(undefined);
          }}
          fileList={file ? [{ uid: "import", name: file.name, status: "done" }] : []}
        >
          <Button icon={<UploadOutlined />}>{t("import.chooseFile")}</Button>
        </Upload>
        <Button
          type="primary"
          disabled={!file || busy}
          loading={busy && !result}
          onClick={() => void send("all_or_nothing")}
        >
          {t("import.check")}
        </Button>
        {progress && (
          <div>
            <Typography.Text type="secondary">
              {progress.phase === "uploading"
                ? t("import.uploading", { percent: progress.percent })
                : t("import.processing")}
            </Typography.Text>
            <Progress
              percent={progress.phase === "uploading" ? progress.percent : 100}
              status="active"
              showInfo={progress.phase === "uploading"}
              aria-label={t("import.progress")}
            />
          </div>
        )}
        <ErrorAlert error={error} />
        {result && result.saved && (
          <Alert
            type="success"
            showIcon
            title={t("import.saved", {
              saved: result.savedRows,
              total: result.totalRows,
            })}
            description={
              errors.length > 0
                ? t("import.skipped", {
                    count: result.totalRows - result.savedRows,
                  })
                : undefined
            }
          />
        )}
        {result && !result.saved && (
          <Alert
            type="warning"
            showIcon
            title={t("import.notSaved", {
              errors: errors.length,
              valid: result.validRows,
              total: result.totalRows,
            })}
            action={
              result.validRows > 0 ? (
                <Button type="primary" size="small" loading={busy} onClick={() => void send("valid_rows")}>
                  {t("import.saveValidRows")}
                </Button>
              ) : undefined
            }
          />
        )}
        {errors.length > 0 && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("import.errorReport")}
            </Typography.Title>
            <Table<ImportRowError>
              size="small"
              rowKey={(e, index) => `${e.row}-${e.column}-${index ?? 0}`}
              dataSource={errors}
              pagination={errors.length > 10 ? { pageSize: 10 } : false}
              scroll={{ x: 480 }}
              columns={[
                { title: t("import.row"), dataIndex: "row", width: 70 },
                { title: t("import.column"), dataIndex: "column", width: 160 },
                { title: t("import.message"), dataIndex: "message" },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
