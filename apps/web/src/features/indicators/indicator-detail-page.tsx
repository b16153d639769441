import { Suspense, lazy, useEffect, useMemo, useState } from "react";
import { useLocation } from "react-router";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from "antd";
import { DownloadOutlined, EditOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { fractionDigitsOf, isComputedIndicator, type IndicatorDetail, type Measurement } from "@phuong-xanh/shared";
import { api, downloads, queryKeys } from "../../lib/endpoints";
import { errorMessage } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { DetailHeader, DetailLayout, DetailPage, historyTabs, useRecordSaved } from "../../components/detail-page";
import { FileLinks } from "../../components/file-links";
import { ImportDialog } from "../../components/import-dialog";
import { IndicatorStatusTag, TrendArrow } from "../../components/tags";
import { labelOr, safePeriodLabel, targetSymbol } from "../../lib/labels";
import { MeasurementForm, reportablePeriods } from "./measurement-form";
import { EVIDENCE_ACCEPT } from "../../lib/uploads";
import { EditIndicatorModal } from "./edit-indicator-modal";
import { IndicatorTaskLinksCard } from "./indicator-task-links";

const IndicatorChart = lazy(() => import("./indicator-chart"));

export default function IndicatorDetailPage() {
  return <DetailPage kind="indicator">{(indicator) => <IndicatorDetailView indicator={indicator} />}</DetailPage>;
}

export function useIndicatorSaved() {
  return useRecordSaved("indicator");
}

function IndicatorDetailView({ indicator }: { indicator: IndicatorDetail }) {
  const { t, language } = useI18n();
  const format = useFormat();
  const location = useLocation();
  const queryClient = useQueryClient();
  const onSaved = useIndicatorSaved();
  const [editOpen, setEditOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const periods = useMemo(() => reportablePeriods(indicator), [indicator]);
  const [templatePeriod, setTemplatePeriod] = useState<string | undefined>(periods[0]);

  useEffect(() => {
    if (location.hash === "#nhap-so-lieu")
      document.getElementById("nhap-so-lieu")?.scrollIntoView({ behavior: "smooth" });
  }, [location.hash]);

  const quantity = (value: number | null) =>
    value === null ? "—" : format.quantity(value, indicator.unitOfMeasure, indicator.valueKind);

  const tabs = [
    {
      key: "measurements",
      label: t("measurement.tab", { count: indicator.measurements.length }),
      children: <MeasurementsTable indicator={indicator} />,
    },
    ...historyTabs(t, "indicator", indicator),
  ];

  return (
    <>
      <DetailHeader
        list={{ to: "/chi-tieu", label: t("nav.indicators") }}
        crumb={indicator.ref}
        title={indicator.name}
        tags={
          <Space size={4}>
            <IndicatorStatusTag status={indicator.status} />
            <TrendArrow trend={indicator.trend} direction={indicator.direction} />
          </Space>
        }
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={downloads.indicatorXlsx(indicator.id)}>
              {t("common.exportXlsx")}
            </Button>
            <Button icon={<DownloadOutlined />} href={downloads.indicatorCsv(indicator.id)}>
              {t("common.exportCsv")}
            </Button>
            {indicator.can.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)}>
                {t("indicatorEdit.button")}
              </Button>
            )}
          </>
        }
      />
      <DetailLayout
        main={
          <Card size="small" title={t("indicator.chart")}>
            {indicator.series.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("indicatorStatus.no_data")} />
            ) : (
              <Suspense fallback={<Skeleton.Node active style={{ width: "100%", height: 320 }} />}>
                <IndicatorChart indicator={indicator} />
              </Suspense>
            )}
          </Card>
        }
        facts={
          <>
            <Descriptions.Item label={t("task.ref")}>{indicator.ref}</Descriptions.Item>
            <Descriptions.Item label={t("indicator.latest")}>
              {indicator.latest
                ? `${quantity(indicator.latest.value)} (${safePeriodLabel(indicator.latest.period, language)})`
                : t("indicatorStatus.no_data")}
            </Descriptions.Item>
            <Descriptions.Item label={t("indicator.expectedNow")}>{quantity(indicator.expectedNow)}</Descriptions.Item>
            <Descriptions.Item label={t("indicator.target")}>
              {targetSymbol(indicator.direction)} {quantity(indicator.targetValue)} ({indicator.targetYear}){" "}
              <Tag>{t(`targetSource.${indicator.targetSource}`)}</Tag>
            </Descriptions.Item>
            {indicator.targetNote && (
              <Descriptions.Item label={t("indicator.targetNote")}>{indicator.targetNote}</Descriptions.Item>
            )}
            <Descriptions.Item label={t("indicator.baseline")}>
              {indicator.baselineValue === null
                ? t("indicatorStatus.no_baseline")
                : `${quantity(indicator.baselineValue)}${indicator.baselineYear ? ` (${indicator.baselineYear})` : ""}`}
            </Descriptions.Item>
            <Descriptions.Item label={t("indicator.direction")}>
              {t(`direction.${indicator.direction}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("indicator.frequency")}>
              {t(`frequency.${indicator.frequency}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("indicator.aggregation")}>
              {labelOr(t, `aggregation.${indicator.aggregation}`, indicator.aggregation)}
            </Descriptions.Item>
            <Descriptions.Item label={t("indicatorEdit.valueKind")}>
              {t(`valueKind.${indicator.valueKind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t("indicator.owner")}>{indicator.owner.name}</Descriptions.Item>
            <Descriptions.Item label={t("indicator.perResidentialGroup")}>
              {indicator.perResidentialGroup ? t("common.yes") : t("common.no")}
            </Descriptions.Item>
          </>
        }
        tabs={tabs}
      >
        <Col span={24}>
          <Card size="small" title={t("indicator.documentText")}>
            <blockquote className="staff-quote">{indicator.quote}</blockquote>
          </Card>
        </Col>
        <Col span={24}>
          <IndicatorTaskLinksCard indicatorId={indicator.id} />
        </Col>
        {isComputedIndicator(indicator.code) && (
          <Col span={24}>
            <Alert type="info" showIcon message={t("indicator.computed")} />
          </Col>
        )}
        {indicator.can.record && (
          <Col xs={24} lg={12}>
            <Card size="small" title={t("measurement.formTitle")} id="nhap-so-lieu">
              <MeasurementForm indicator={indicator} onSaved={onSaved} />
            </Card>
          </Col>
        )}
        {indicator.can.record && (
          <Col xs={24} lg={12}>
            <Card size="small" title={t("measurement.bulkTitle")}>
              <Typography.Paragraph type="secondary">
                {indicator.perResidentialGroup ? t("measurement.bulkHintGroups") : t("measurement.bulkHint")}
              </Typography.Paragraph>
              <Space wrap>
                <Select
                  aria-label={t("measurement.templatePeriod")}
                  style={{ minWidth: 180 }}
                  value={templatePeriod}
                  onChange={setTemplatePeriod}
                  options={periods.map((p) => ({
                    value: p,
                    label: safePeriodLabel(p, language),
                  }))}
                />
                <Button
                  icon={<DownloadOutlined />}
                  href={templatePeriod ? downloads.indicatorTemplate(indicator.id, templatePeriod) : undefined}
                  disabled={!templatePeriod}
                >
                  {t("measurement.downloadTemplate")}
                </Button>
                <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                  {t("measurement.uploadFile")}
                </Button>
              </Space>
            </Card>
          </Col>
        )}
      </DetailLayout>
      {indicator.can.edit && (
        <EditIndicatorModal
          open={editOpen}
          indicator={indicator}
          onClose={() => setEditOpen(false)}
          onSaved={onSaved}
        />
      )}
      <ImportDialog
        open={importOpen}
        title={t("measurement.importTitle", { name: indicator.name })}
        accept=".xlsx"
        onClose={() => setImportOpen(false)}
        submit={(form, mode, onProgress) => api.importIndicator(indicator.id, form, mode, onProgress)}
        onSaved={() =>
          void queryClient.invalidateQueries({
            queryKey: queryKeys.indicator(indicator.id),
          })
        }
      />
    </>
  );
}

function MeasurementsTable({ indicator }: { indicator: IndicatorDetail }) {
  const { t, language } = useI18n();
  const format = useFormat();
  const partsDigits = fractionDigitsOf(indicator.partsKind);
  const rows = [...indicator.measurements].sort(
    (a, b) =>
      b.periodEnd.localeCompare(a.periodEnd) ||
      (a.residentialGroup?.name ?? "").localeCompare(b.residentialGroup?.name ?? "", "vi"),
  );
  return (
    <Table<Measurement>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 25 ? { pageSize: 25 } : false}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t("measurement.none") }}
      columns={[
        {
          title: t("measurement.period"),
          dataIndex: "period",
          width: 140,
          render: (p: string) => safePeriodLabel(p, language),
        },
        {
          title: t("measurement.place"),
          key: "group",
          width: 150,
          render: (_: unknown, m) => m.residentialGroup?.name ?? t("measurement.wholeWard"),
        },
        {
          title: t("measurement.value"),
          dataIndex: "value",
          width: 110,
          align: "right",
          render: (v: number) => <strong>{format.quantity(v, indicator.unitOfMeasure, indicator.valueKind)}</strong>,
        },
        {
          title: `${indicator.numeratorLabel ?? t("measurement.numerator")} / ${indicator.denominatorLabel ?? t("measurement.denominator")}`,
          key: "ratio",
          width: 170,
          render: (_: unknown, m) =>
            m.numerator !== null && m.denominator !== null
              ? `${format.number(m.numerator, partsDigits)} / ${format.number(m.denominator, partsDigits)}`
              : "—",
        },
        { title: t("measurement.source"), dataIndex: "source", width: 200 },
        {
          title: t("measurement.note"),
          dataIndex: "note",
          width: 180,
          render: (n: string | null) => n ?? "",
        },
        {
          title: t("measurement.recorded"),
          key: "recorded",
          width: 170,
          render: (_: unknown, m) => (
            <span>
              {m.recordedBy ?? "—"}
              <br />
              <Typography.Text type="secondary">{format.dateTime(m.recordedAt)}</Typography.Text>
            </span>
          ),
        },
        {
          title: t("common.files"),
          key: "files",
          width: 220,
          render: (_: unknown, m) => (
            <Space orientation="vertical" size={2}>
              <FileLinks files={m.files} />
              {indicator.can.record && <AddEvidence indicatorId={indicator.id} measurement={m} />}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Attach evidence to a measurement already saved (the photo often comes after the number). */
function AddEvidence({ indicatorId, measurement }: { indicatorId: string; measurement: Measurement }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      showUploadList={false}
      multiple
      accept={EVIDENCE_ACCEPT}
      beforeUpload={(file) => {
        const form = new FormData();
        form.append("files", file, file.name);
        setBusy(true);
        api.attachMeasurementFiles(measurement.id, form).then(
          () => {
            setBusy(false);
            void message.success(t("measurement.filesAdded"));
            void queryClient.invalidateQueries({
              queryKey: queryKeys.indicator(indicatorId),
            });
          },
          (error: unknown) => {
            setBusy(false);
            void message.error(errorMessage(error, t("common.saveFailed")));
          },
        );
        return false;
      }}
    >
      <Button
        size="small"
        icon={<PaperClipOutlined />}
        loading={busy}
        aria-label={t("measurement.addFilesTo", {
          period: safePeriodLabel(measurement.period, language),
          place: measurement.residentialGroup?.name ?? t("measurement.wholeWard"),
        })}
      >
        {t("measurement.addFiles")}
      </Button>
    </Upload>
  );
}
