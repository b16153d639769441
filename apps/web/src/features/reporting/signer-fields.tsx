import { Col, Form, Input, Row, Select } from "antd";
import { signerSchema } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";

/**
 * Người ký (Decree 30/2020 form): "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name".
 * The fields sit under `signer` of the enclosing form.
 */
export function SignerFields() {
  const { t } = useI18n();
  return (
    <Row gutter={12}>
      <Col xs={24} sm={12} lg={6}>
        <Form.Item label={t("signer.prefix")} name={["signer", "prefix"]}>
          <Select
            virtual={false}
            options={signerSchema.shape.prefix.options.map((p) => ({ value: p, label: p || t("signer.noPrefix") }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Form.Item label={t("signer.authorityTitle")} name={["signer", "authorityTitle"]}>
          <Input maxLength={100} placeholder={t("signer.authorityTitlePlaceholder")} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Form.Item
          label={t("signer.title")}
          name={["signer", "title"]}
          rules={[{ required: true, whitespace: true, message: t("signer.titleRequired") }]}
        >
          <Input maxLength={100} placeholder={t("signer.titlePlaceholder")} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Form.Item label={t("signer.name")} name={["signer", "name"]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
    </Row>
  );
}
