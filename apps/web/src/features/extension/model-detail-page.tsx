import { useParams } from "react-router";
import { App, Button, Card, Col, Descriptions, Row, Tag, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { DemonstrationModel } from "@phuong-xanh/shared";
import { useFormat } from "../../i18n/format";
import { DetailHeader } from "../../components/detail-page";
import { QueryState } from "../../components/query-state";
import { useDialog } from "../../components/use-admin-list";
import { extensionApi, extensionKeys } from "./extension-api";
import { ModelModal } from "./extension-modals";
import { TopicTag } from "./extension-page";
import { extensionPaths } from "./extension-paths";
import { AttendancePicker, AttendeeList } from "./attendance";
import { useExtensionT } from "./messages";
import "./extension.css";

/** /khuyen-nong/mo-hinh/:id — one demonstration model: its host plot, its results, who took part. */
export default function ModelDetailPage() {
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: extensionKeys.model(id),
    queryFn: () => extensionApi.model(id),
    enabled: id !== "",
  });
  return <QueryState query={query}>{(model) => <ModelView model={model} />}</QueryState>;
}

function ModelView({ model: m }: { model: DemonstrationModel }) {
  const t = useExtensionT();
  const format = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const edit = useDialog<DemonstrationModel>();
  const farmCount = new Set(m.attendees.flatMap((a) => (a.farm ? [a.farm.id] : []))).size;

  return (
    <>
      <DetailHeader
        list={{ to: extensionPaths.models, label: t("ext.title") }}
        crumb={m.name}
        title={m.name}
        tags={
          <>
            <TopicTag topic={m.topic} />
            <Tag>{t(`ext.status.${m.status}`)}</Tag>
          </>
        }
        extra={
          m.mayEdit && (
            <Button icon={<EditOutlined />} onClick={() => edit.show(m)}>
              {t("ext.model.edit")}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("ext.facts")}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("ext.model.host")}>{m.farm.name}</Descriptions.Item>
              <Descriptions.Item label={t("ext.model.plot")}>
                {m.plot.name} ({t("ext.model.areaValue", { value: format.number(m.plot.areaHa, 2) })})
              </Descriptions.Item>
              <Descriptions.Item label={t("ext.training.group")}>{m.residentialGroup?.name ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("ext.model.startedOn")}>{format.date(m.startedOn)}</Descriptions.Item>
              <Descriptions.Item label={t("ext.model.endedOn")}>
                {m.endedOn ? format.date(m.endedOn) : t("ext.model.ongoing")}
              </Descriptions.Item>
              <Descriptions.Item label={t("ext.model.area")}>{format.number(m.areaHa, 2)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t("ext.model.results")} style={{ marginTop: 16 }}>
            {m.resultNotes ? (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{m.resultNotes}</Typography.Paragraph>
            ) : (
              <Typography.Paragraph type="secondary">{t("ext.model.noResults")}</Typography.Paragraph>
            )}
            {m.season && (
              <>
                <Typography.Text strong>{t("ext.model.seasonResult", { season: m.season.name })}</Typography.Text>
                {m.season.totalKgCo2e === null ? (
                  <Typography.Paragraph type="secondary">{t("ext.model.noFootprint")}</Typography.Paragraph>
                ) : (
                  <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
                    {m.season.yieldKg !== null && (
                      <Descriptions.Item label={t("ext.model.yield")}>
                        {t("ext.model.yieldValue", { value: format.number(m.season.yieldKg, 0) })}
                      </Descriptions.Item>
                    )}
                    <Descriptions.Item label={t("ext.model.footprint")}>
                      {t("ext.model.footprintValue", { value: format.number(m.season.totalKgCo2e, 0) })}
                    </Descriptions.Item>
                    {m.season.kgCo2ePerKgProduct !== null && (
                      <Descriptions.Item label={t("ext.model.footprintPerKg")}>
                        {t("ext.model.footprintPerKgValue", { value: format.number(m.season.kgCo2ePerKgProduct, 2) })}
                      </Descriptions.Item>
                    )}
                    {m.season.factorSet && (
                      <Descriptions.Item label={t("ext.model.factorSet")}>{m.season.factorSet}</Descriptions.Item>
                    )}
                  </Descriptions>
                )}
              </>
            )}
          </Card>
          {m.mayEdit && (
            <div style={{ marginTop: 16 }}>
              <AttendancePicker kind="model" activity={m} />
            </div>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <AttendeeList kind="model" activity={m} farmCount={farmCount} writer={m.mayEdit} />
        </Col>
      </Row>
      {edit.dialog !== undefined && (
        <ModelModal
          model={edit.dialog}
          open={edit.open}
          onClose={edit.close}
          onSaved={(saved) => {
            queryClient.setQueryData(extensionKeys.model(saved.id), saved);
            void queryClient.invalidateQueries({ queryKey: extensionKeys.models });
            void message.success(t("ext.model.saved", { name: saved.name }));
          }}
        />
      )}
    </>
  );
}
