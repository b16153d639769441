import { useState } from "react";
import { useParams } from "react-router";
import { App, Button, Card, Col, Descriptions, Row, Typography, Upload } from "antd";
import { EditOutlined, PaperClipOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Training } from "@phuong-xanh/shared";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { DetailHeader } from "../../components/detail-page";
import { QueryState } from "../../components/query-state";
import { FileLinks } from "../../components/file-links";
import { useDialog } from "../../components/use-admin-list";
import { extensionApi, extensionKeys } from "./extension-api";
import { TrainingModal } from "./extension-modals";
import { TopicTag } from "./extension-page";
import { extensionPaths } from "./extension-paths";
import { AttendancePicker, AttendeeList } from "./attendance";
import { useExtensionT } from "./messages";
import "./extension.css";

/** /khuyen-nong/tap-huan/:id — one class: its particulars, who took part, the signed sheet. */
export default function TrainingDetailPage() {
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: extensionKeys.training(id),
    queryFn: () => extensionApi.training(id),
    enabled: id !== "",
  });
  return <QueryState query={query}>{(training) => <TrainingView training={training} />}</QueryState>;
}

function TrainingView({ training: x }: { training: Training }) {
  const t = useExtensionT();
  const format = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const edit = useDialog<Training>();

  return (
    <>
      <DetailHeader
        list={{ to: extensionPaths.home, label: t("ext.title") }}
        crumb={x.title}
        title={x.title}
        tags={<TopicTag topic={x.topic} />}
        extra={
          x.mayEdit && (
            <Button icon={<EditOutlined />} onClick={() => edit.show(x)}>
              {t("ext.training.edit")}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("ext.facts")}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("ext.training.heldOn")}>{format.date(x.heldOn)}</Descriptions.Item>
              <Descriptions.Item label={t("ext.training.place")}>{x.place}</Descriptions.Item>
              <Descriptions.Item label={t("ext.training.organiser")}>{x.organiser ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("ext.training.trainer")}>{x.trainer ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("ext.training.group")}>
                {x.residentialGroup?.name ?? t("ext.training.wholeWard")}
              </Descriptions.Item>
              {x.notes && (
                <Descriptions.Item label={t("ext.training.notes")}>
                  <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{x.notes}</Typography.Text>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t("ext.training.sheet")}>
                {x.sheets.length ? <FileLinks files={x.sheets} /> : t("ext.training.noSheet")}
              </Descriptions.Item>
            </Descriptions>
            {x.mayEdit && <SheetUpload training={x} />}
          </Card>
          {x.mayEdit && (
            <div style={{ marginTop: 16 }}>
              <AttendancePicker kind="training" activity={x} />
            </div>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <AttendeeList kind="training" activity={x} farmCount={x.farmCount} writer={x.mayEdit} />
        </Col>
      </Row>
      {edit.dialog !== undefined && (
        <TrainingModal
          training={edit.dialog}
          open={edit.open}
          onClose={edit.close}
          onSaved={(saved) => {
            queryClient.setQueryData(extensionKeys.training(saved.id), saved);
            void queryClient.invalidateQueries({ queryKey: extensionKeys.trainings });
            void message.success(t("ext.training.saved", { title: saved.title }));
          }}
        />
      )}
    </>
  );
}

/** The scanned, signed attendance sheet: a photo or a PDF, through the files module. */
function SheetUpload({ training }: { training: Training }) {
  const t = useExtensionT();
  const { t: tg } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      showUploadList={false}
      accept="image/jpeg,image/png,image/webp,image/heic,application/pdf"
      beforeUpload={(file) => {
        const form = new FormData();
        form.append("file", file, file.name);
        setBusy(true);
        extensionApi.attachSheet(training.id, form).then(
          (saved) => {
            setBusy(false);
            queryClient.setQueryData(extensionKeys.training(saved.id), saved);
            void queryClient.invalidateQueries({ queryKey: extensionKeys.trainings });
            void message.success(t("ext.training.sheetAdded"));
          },
          (error: unknown) => {
            setBusy(false);
            void message.error(errorMessage(error, tg("common.saveFailed")));
          },
        );
        return false;
      }}
    >
      <Button size="small" icon={<PaperClipOutlined />} loading={busy} style={{ marginTop: 8 }}>
        {t("ext.training.uploadSheet")}
      </Button>
    </Upload>
  );
}
