import { Checkbox, DatePicker, Form, Input, InputNumber, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useQuery } from "@tanstack/react-query";
import {
  CERTIFICATION_SCHEMES,
  FARM_KINDS,
  saveCertificationSchema,
  saveFarmSchema,
  savePlotSchema,
  withdrawCertificationSchema,
  openFarmAccountSchema,
  type Certification,
  type Farm,
  type Plot,
} from "@phuong-xanh/shared";
import { EditModal, type RecordDialogProps } from "../../../components/edit-modal";
import { api, queryKeys } from "../../../lib/endpoints";
import { todayIso } from "../../../i18n/format";
import { registryApi, registryKeys } from "./registry-api";
import { farmBody, farmValues, plotBody, plotValues, type FarmValues, type PlotValues } from "./registry-rules";
import { useRegistryT } from "./messages";

/** The ward's residential groups (tổ dân phố), for the forms' choice. */
function useGroupOptions() {
  const units = useQuery({ queryKey: queryKeys.units, queryFn: api.units });
  return (units.data ?? [])
    .filter((u) => u.kind === "residential_group" && u.active)
    .map((u) => ({ value: u.code, label: u.name }));
}

const isoOf = (day: Dayjs | null | undefined) => (day ? day.format("YYYY-MM-DD") : "");

/** Thêm / sửa cơ sở sản xuất. */
export function FarmDialog({ farm, open, onClose, onSaved }: RecordDialogProps<Farm> & { farm?: Farm }) {
  const t = useRegistryT();
  const groups = useGroupOptions();
  return (
    <EditModal<FarmValues, Parameters<typeof registryApi.createFarm>[0], Farm>
      open={open}
      title={farm ? t("reg.editFarmOf", { name: farm.name }) : t("reg.addFarm")}
      okText={t("reg.save")}
      initialValues={farmValues(farm)}
      schema={saveFarmSchema}
      fields={["kind", "name", "representative", "phone", "residentialGroup", "address", "proxyConsent", "active"]}
      toBody={(values) => farmBody(values, farm)}
      save={(body) => (farm ? registryApi.updateFarm(farm.id, body) : registryApi.createFarm(body))}
      conflictKey={farm ? registryKeys.farm(farm.id) : registryKeys.all}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item name="kind" label={t("reg.kind")} rules={[{ required: true }]}>
        <Select options={FARM_KINDS.map((kind) => ({ value: kind, label: t(`reg.kind.${kind}`) }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t("reg.name")}
        rules={[{ required: true, message: t("reg.required", { field: t("reg.name").toLowerCase() }) }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="representative" label={t("reg.representative")}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="phone" label={t("reg.phone")}>
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item name="residentialGroup" label={t("reg.group")}>
        <Select allowClear options={groups} showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
      <Form.Item name="address" label={t("reg.address")}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="proxyConsent" valuePropName="checked">
        <Checkbox>{t("reg.proxyConsent")}</Checkbox>
      </Form.Item>
      <Form.Item name="active" valuePropName="checked">
        <Checkbox>{t("reg.active")}</Checkbox>
      </Form.Item>
    </EditModal>
  );
}

type AccountValues = { username: string; displayName: string; password: string };

/**
 * Mở tài khoản cho cơ sở: the farm then keeps its diary itself on its phone. The first password
 * is handed to the producer, who changes it on their profile.
 */
export function FarmAccountDialog({ farm, open, onClose, onSaved }: RecordDialogProps<Farm> & { farm: Farm }) {
  const t = useRegistryT();
  return (
    <EditModal<AccountValues, Parameters<typeof registryApi.openAccount>[1], Farm>
      open={open}
      title={t("reg.openAccountOf", { name: farm.name })}
      okText={t("reg.openAccount")}
      initialValues={{ username: "", displayName: farm.representative ?? farm.name, password: "" }}
      schema={openFarmAccountSchema}
      fields={["username", "displayName", "password"]}
      toBody={(values) => ({
        username: values.username.trim(),
        password: values.password,
        ...(values.displayName.trim() ? { displayName: values.displayName.trim() } : {}),
      })}
      save={(body) => registryApi.openAccount(farm.id, body)}
      conflictKey={registryKeys.farm(farm.id)}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Typography.Paragraph type="secondary">{t("reg.openAccountHint")}</Typography.Paragraph>
      <Form.Item name="username" label={t("reg.username")} rules={[{ required: true }]}>
        <Input maxLength={60} autoComplete="off" />
      </Form.Item>
      <Form.Item name="displayName" label={t("reg.displayName")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="password" label={t("reg.firstPassword")} rules={[{ required: true }]}>
        <Input.Password maxLength={200} autoComplete="new-password" />
      </Form.Item>
    </EditModal>
  );
}

/** Thêm / sửa thửa ruộng. */
export function PlotDialog({
  farm,
  plot,
  open,
  onClose,
  onSaved,
}: RecordDialogProps<Plot> & { farm: Farm; plot?: Plot }) {
  const t = useRegistryT();
  const groups = useGroupOptions();
  return (
    <EditModal<PlotValues, Parameters<typeof registryApi.createPlot>[0], Plot>
      open={open}
      title={plot ? t("reg.editPlotOf", { name: plot.name }) : t("reg.addPlot")}
      okText={t("reg.save")}
      initialValues={plotValues(plot, farm)}
      schema={savePlotSchema}
      fields={["name", "areaHa", "residentialGroup", "crop", "latitude", "longitude", "active"]}
      toBody={(values) => plotBody(values, farm, plot)}
      save={(body) => (plot ? registryApi.updatePlot(plot.id, body) : registryApi.createPlot(body))}
      conflictKey={registryKeys.plots(farm.id)}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="name"
        label={t("reg.plotName")}
        rules={[{ required: true, message: t("reg.required", { field: t("reg.plotName").toLowerCase() }) }]}
      >
        <Input maxLength={200} placeholder={t("reg.plotNamePlaceholder")} />
      </Form.Item>
      <Form.Item
        name="areaHa"
        label={t("reg.areaHa")}
        rules={[{ required: true, message: t("reg.required", { field: t("reg.area").toLowerCase() }) }]}
      >
        <InputNumber min={0} max={100_000} step={0.1} decimalSeparator="," style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item name="residentialGroup" label={t("reg.group")} rules={[{ required: true }]}>
        <Select options={groups} showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
      <Form.Item
        name="crop"
        label={t("reg.crop")}
        rules={[{ required: true, message: t("reg.required", { field: t("reg.crop").toLowerCase() }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t("reg.locationHint")}</Typography.Paragraph>
      <div className="reg-form-pair">
        <Form.Item name="latitude" label={t("reg.latitude")}>
          <InputNumber min={-90} max={90} step={0.0001} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="longitude" label={t("reg.longitude")}>
          <InputNumber min={-180} max={180} step={0.0001} style={{ width: "100%" }} />
        </Form.Item>
      </div>
      <Form.Item name="active" valuePropName="checked">
        <Checkbox>{t("reg.active")}</Checkbox>
      </Form.Item>
    </EditModal>
  );
}

type CertificationValues = {
  scheme: Certification["scheme"];
  certificateNumber: string;
  issuer: string;
  validFrom: Dayjs | null;
  validUntil: Dayjs | null;
};

/** Ghi chứng nhận VietGAP, hữu cơ hoặc GAP khác cho một thửa. */
export function CertificationDialog({ plot, open, onClose, onSaved }: RecordDialogProps<Plot> & { plot: Plot }) {
  const t = useRegistryT();
  return (
    <EditModal<CertificationValues, Parameters<typeof registryApi.addCertification>[1], Plot>
      open={open}
      title={t("reg.addCertificationOf", { name: plot.name })}
      okText={t("reg.save")}
      initialValues={{ scheme: "vietgap" }}
      schema={saveCertificationSchema}
      fields={["scheme", "certificateNumber", "issuer", "validFrom", "validUntil"]}
      toBody={(values) => ({
        scheme: values.scheme,
        certificateNumber: values.certificateNumber,
        issuer: values.issuer,
        validFrom: isoOf(values.validFrom),
        validUntil: isoOf(values.validUntil),
      })}
      save={(body) => registryApi.addCertification(plot.id, body)}
      conflictKey={registryKeys.plots(plot.farmId)}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item name="scheme" label={t("reg.scheme")} rules={[{ required: true }]}>
        <Select options={CERTIFICATION_SCHEMES.map((s) => ({ value: s, label: t(`reg.scheme.${s}`) }))} />
      </Form.Item>
      <Form.Item
        name="certificateNumber"
        label={t("reg.certificateNumber")}
        rules={[{ required: true, message: t("reg.required", { field: t("reg.certificateNumber").toLowerCase() }) }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="issuer"
        label={t("reg.issuer")}
        rules={[{ required: true, message: t("reg.required", { field: t("reg.issuer").toLowerCase() }) }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <div className="reg-form-pair">
        <Form.Item name="validFrom" label={t("reg.validFrom")} rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="validUntil" label={t("reg.validUntil")} rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
        </Form.Item>
      </div>
    </EditModal>
  );
}

type WithdrawValues = { withdrawnOn: Dayjs | null; reason: string };

/** Thu hồi chứng nhận từ một ngày, có lý do; chứng nhận vẫn lưu trong sổ. */
export function WithdrawDialog({
  certification,
  open,
  onClose,
  onSaved,
}: RecordDialogProps<Plot> & { certification: Certification }) {
  const t = useRegistryT();
  return (
    <EditModal<WithdrawValues, Parameters<typeof registryApi.withdrawCertification>[1], Plot>
      open={open}
      title={t("reg.withdrawOf", { number: certification.certificateNumber })}
      okText={t("reg.withdraw")}
      initialValues={{}}
      schema={withdrawCertificationSchema}
      fields={["withdrawnOn", "reason"]}
      toBody={(values) => ({
        withdrawnOn: values.withdrawnOn ? isoOf(values.withdrawnOn) : todayIso(),
        reason: values.reason,
        version: certification.version,
      })}
      save={(body) => registryApi.withdrawCertification(certification.id, body)}
      conflictKey={registryKeys.all}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item name="withdrawnOn" label={t("reg.withdrawnOn")} rules={[{ required: true }]}>
        <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t("reg.withdrawReason")}
        rules={[{ required: true, message: t("reg.required", { field: t("reg.withdrawReason").toLowerCase() }) }]}
      >
        <Input.TextArea maxLength={500} rows={3} />
      </Form.Item>
    </EditModal>
  );
}
