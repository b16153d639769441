import { useState } from "react";
import { Alert, App, Button, Card, Checkbox, Col, Form, InputNumber, Row, Typography } from "antd";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { saveGreenCriteriaSchema, type GreenCriteria } from "@phuong-xanh/shared";
import { ApiError } from "../../lib/api";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { ErrorAlert, QueryState } from "../../components/query-state";
import { useFormSave } from "../../components/use-form-save";
import { criteriaBody, criteriaValues, type CriteriaValues } from "./certificate-rules";
import { useCertificatesT } from "./messages";

const FIELDS = [
  "requireCompleteDiary",
  "requireNoBurning",
  "requireCertifiedPlot",
  "maxKgCo2ePerKg",
  "minPercentBelowBaseline",
  "baselineKgCo2ePerKg",
  "validityMonths",
] as const;

/** Tiêu chí sản phẩm xanh: the ward's one current set; every save is a new version. */
export function CriteriaTab() {
  const t = useCertificatesT();
  const query = useQuery({ queryKey: queryKeys.greenCriteria, queryFn: api.greenCriteria });
  // Someone else saved first: the form reopens on their version, and says so.
  const [reloaded, setReloaded] = useState(false);
  return (
    <QueryState query={query}>
      {(criteria) => (
        <>
          {reloaded && (
            <Alert
              type="warning"
              showIcon
              closable={{ onClose: () => setReloaded(false) }}
              title={t("cert.criteria.reloaded")}
              style={{ marginBottom: 12 }}
            />
          )}
          <CriteriaForm
            key={criteria?.version ?? 0}
            criteria={criteria}
            onConflict={() => setReloaded(true)}
            onSaved={() => setReloaded(false)}
          />
        </>
      )}
    </QueryState>
  );
}

function CriteriaForm({
  criteria,
  onConflict,
  onSaved,
}: {
  criteria: GreenCriteria | null;
  onConflict: () => void;
  onSaved: () => void;
}) {
  const t = useCertificatesT();
  const { t: tg, language } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CriteriaValues>();
  const { error, saving, parse, run } = useFormSave({ form, schema: saveGreenCriteriaSchema, fields: FIELDS });
  const decimalSeparator = language === "vi" ? "," : ".";

  async function save(values: CriteriaValues) {
    const body = parse(criteriaBody(values, criteria));
    if (body === undefined) return;
    await run(
      async () => {
        const saved = await api.saveGreenCriteria(body);
        queryClient.setQueryData(queryKeys.greenCriteria, saved);
        // Waiting applications are checked against the criteria as they stand.
        void queryClient.invalidateQueries({ queryKey: queryKeys.certificateApplications });
        onSaved();
        void message.success(t("cert.criteria.saved", { version: saved.version }));
      },
      (cause) => {
        if (cause instanceof ApiError && cause.code === "CONFLICT") {
          onConflict();
          void queryClient.invalidateQueries({ queryKey: queryKeys.greenCriteria });
        }
      },
    );
  }

  return (
    <Card size="small" title={t("cert.criteria.title")}>
      <Typography.Paragraph type="secondary">{t("cert.criteria.intro")}</Typography.Paragraph>
      {criteria ? (
        <Typography.Paragraph>
          {t("cert.criteria.version", { version: criteria.version, date: format.dateTime(criteria.updatedAt) })}
        </Typography.Paragraph>
      ) : (
        <Alert type="info" showIcon title={t("cert.criteria.notSet")} style={{ marginBottom: 12 }} />
      )}
      <ErrorAlert error={error} />
      <Form<CriteriaValues>
        form={form}
        layout="vertical"
        aria-label={t("cert.criteria.title")}
        initialValues={criteriaValues(criteria)}
        onFinish={(values) => void save(values)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="requireCompleteDiary" valuePropName="checked" extra={t("cert.criteria.completeDiaryHint")}>
          <Checkbox>{t("cert.criteria.completeDiary")}</Checkbox>
        </Form.Item>
        <Form.Item name="requireNoBurning" valuePropName="checked">
          <Checkbox>{t("cert.criteria.noBurning")}</Checkbox>
        </Form.Item>
        <Form.Item name="requireCertifiedPlot" valuePropName="checked">
          <Checkbox>{t("cert.criteria.certifiedPlot")}</Checkbox>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("cert.criteria.maxFootprint")}
              name="maxKgCo2ePerKg"
              extra={t("cert.criteria.maxFootprintHint")}
            >
              <InputNumber min={0} max={100} step={0.1} decimalSeparator={decimalSeparator} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("cert.criteria.validity")} name="validityMonths">
              <InputNumber min={1} max={60} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("cert.criteria.minBelow")} name="minPercentBelowBaseline">
              <InputNumber min={0} max={100} decimalSeparator={decimalSeparator} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t("cert.criteria.baseline")}
              name="baselineKgCo2ePerKg"
              extra={t("cert.criteria.baselineHint")}
            >
              <InputNumber min={0} max={100} step={0.1} decimalSeparator={decimalSeparator} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={saving}>
          {tg("common.save")}
        </Button>
      </Form>
    </Card>
  );
}
