import { useEffect, useState } from "react";
import { DatePicker, Form, Input, Radio, Select, type UploadFile } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import {
  createDocumentSchema,
  DOCUMENT_TYPES,
  editDocumentSchema,
  LETTER_TYPE,
  type CreateDocument,
  type DocumentDetail,
  type DocumentDirection,
  type EditDocument,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n, type Translate } from "../../i18n/i18n";
import { EditModal, changesOrNull, type RecordDialogProps } from "../../components/edit-modal";
import { EvidencePicker } from "../../components/evidence-picker";

const DATE_FORMAT = "DD/MM/YYYY";
const iso = (day: Dayjs | null | undefined) => (day ? day.format("YYYY-MM-DD") : undefined);
const trimmedOrUndefined = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/** "KH — Kế hoạch", in the officer's language. */
export function documentTypeLabel(t: Translate, code: string): string {
  const type = DOCUMENT_TYPES.find((known) => known.code === code);
  return type ? `${code} — ${t(`docType.${type.code}`)}` : code;
}

export function useTypeOptions() {
  const { t } = useI18n();
  return DOCUMENT_TYPES.map((type) => ({ value: type.code, label: documentTypeLabel(t, type.code) }));
}

type RegisterValues = {
  direction: DocumentDirection;
  numberAndSymbol?: string;
  typeCode?: string;
  issuedOn?: Dayjs;
  receivedOn?: Dayjs;
  issuer?: string;
  authoritySymbol?: string;
  unitSymbol?: string;
  recipients?: string;
  summary?: string;
};

function DateField({ name, label, required }: { name: "issuedOn" | "receivedOn"; label: string; required: string }) {
  return (
    <Form.Item label={label} name={name} rules={[{ required: true, message: required }]}>
      <DatePicker format={DATE_FORMAT} style={{ width: "100%" }} />
    </Form.Item>
  );
}

function SummaryFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        label={t("documents.summary")}
        name="summary"
        rules={[{ required: true, whitespace: true, message: t("documents.summaryRequired") }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t("documents.recipients")} name="recipients">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  );
}

/** What the outgoing number will look like once the register gives it ("…/KH-UBND"). */
function OutgoingNumberHint() {
  const { t } = useI18n();
  const form = Form.useFormInstance<RegisterValues>();
  const typeCode = Form.useWatch("typeCode", form);
  const authority = Form.useWatch("authoritySymbol", form)?.trim() || "UBND";
  const unit = Form.useWatch("unitSymbol", form)?.trim();
  const example =
    typeCode === LETTER_TYPE ? `…/${authority}${unit ? `-${unit}` : ""}` : `…/${typeCode ?? "KH"}-${authority}`;
  return <p className="staff-muted">{t("documents.outgoingNumberHint", { example })}</p>;
}

/**
 * "Vào sổ văn bản": an incoming document as printed on it, or an outgoing one that the register
 * numbers; with its scan or DOCX. The file rides along in the multipart body.
 */
export function RegisterDocumentModal({
  open,
  direction,
  onClose,
  onSaved,
}: RecordDialogProps<DocumentDetail> & { direction: DocumentDirection }) {
  const { t } = useI18n();
  const typeOptions = useTypeOptions();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | undefined>();

  useEffect(() => {
    if (open) {
      setFiles([]);
      setFileError(undefined);
    }
  }, [open]);

  function toBody(values: RegisterValues): unknown {
    const common = {
      typeCode: values.typeCode,
      issuedOn: iso(values.issuedOn),
      summary: trimmedOrUndefined(values.summary),
      recipients: trimmedOrUndefined(values.recipients),
    };
    if (values.direction === "incoming")
      return {
        direction: "incoming",
        ...common,
        numberAndSymbol: values.numberAndSymbol,
        receivedOn: iso(values.receivedOn),
        issuer: trimmedOrUndefined(values.issuer),
      };
    return {
      direction: "outgoing",
      ...common,
      authoritySymbol: trimmedOrUndefined(values.authoritySymbol),
      unitSymbol: values.typeCode === LETTER_TYPE ? trimmedOrUndefined(values.unitSymbol) : undefined,
    };
  }

  async function save(body: CreateDocument): Promise<DocumentDetail> {
    const form = new FormData();
    for (const [key, value] of Object.entries(body)) if (value !== undefined) form.append(key, String(value));
    const file = files[0]?.originFileObj;
    if (file) form.append("file", file, file.name);
    return api.registerDocument(form);
  }

  return (
    <EditModal<RegisterValues, CreateDocument, DocumentDetail>
      open={open}
      title={t("documents.register")}
      okText={t("documents.register")}
      initialValues={{ direction, receivedOn: dayjs(), authoritySymbol: "UBND" }}
      schema={createDocumentSchema}
      fields={[
        "direction",
        "numberAndSymbol",
        "typeCode",
        "issuedOn",
        "receivedOn",
        "issuer",
        "authoritySymbol",
        "unitSymbol",
        "recipients",
        "summary",
      ]}
      toBody={toBody}
      save={save}
      conflictKey={queryKeys.allDocuments}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item label={t("documents.direction")} name="direction">
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: "incoming", label: t("documents.tabIncoming") },
            { value: "outgoing", label: t("documents.tabOutgoing") },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={["direction", "typeCode"]}>
        {({ getFieldValue }) =>
          getFieldValue("direction") === "incoming" ? (
            <>
              <Form.Item
                label={t("documents.numberAndSymbol")}
                name="numberAndSymbol"
                extra={t("documents.numberHint")}
                rules={[{ required: true, whitespace: true, message: t("documents.numberRequired") }]}
              >
                <Input maxLength={60} autoComplete="off" spellCheck={false} />
              </Form.Item>
              <Form.Item
                label={t("documents.type")}
                name="typeCode"
                rules={[{ required: true, message: t("documents.typeRequired") }]}
              >
                <Select showSearch={{ optionFilterProp: "label" }} virtual={false} options={typeOptions} />
              </Form.Item>
              <Form.Item
                label={t("documents.issuer")}
                name="issuer"
                rules={[{ required: true, whitespace: true, message: t("documents.issuerRequired") }]}
              >
                <Input maxLength={300} />
              </Form.Item>
              <DateField name="issuedOn" label={t("documents.issuedOn")} required={t("documents.issuedOnRequired")} />
              <DateField
                name="receivedOn"
                label={t("documents.receivedOn")}
                required={t("documents.receivedOnRequired")}
              />
            </>
          ) : (
            <>
              <Form.Item
                label={t("documents.type")}
                name="typeCode"
                rules={[{ required: true, message: t("documents.typeRequired") }]}
              >
                <Select showSearch={{ optionFilterProp: "label" }} virtual={false} options={typeOptions} />
              </Form.Item>
              <Form.Item label={t("documents.authoritySymbol")} name="authoritySymbol">
                <Input maxLength={12} autoComplete="off" spellCheck={false} />
              </Form.Item>
              {getFieldValue("typeCode") === LETTER_TYPE && (
                <Form.Item label={t("documents.unitSymbol")} name="unitSymbol" extra={t("documents.unitSymbolHint")}>
                  <Input maxLength={12} autoComplete="off" spellCheck={false} />
                </Form.Item>
              )}
              <OutgoingNumberHint />
              <DateField name="issuedOn" label={t("documents.issuedOn")} required={t("documents.issuedOnRequired")} />
            </>
          )
        }
      </Form.Item>
      <SummaryFields />
      <Form.Item
        label={t("documents.file")}
        extra={t("documents.fileHint")}
        validateStatus={fileError ? "error" : undefined}
        help={fileError}
      >
        <EvidencePicker
          single
          label={t("documents.chooseFile")}
          files={files}
          onChange={(chosen) => {
            setFileError(undefined);
            setFiles(chosen);
          }}
          onTooLarge={(name) => setFileError(t("update.fileTooLarge", { name }))}
        />
      </Form.Item>
    </EditModal>
  );
}

type EditValues = {
  numberAndSymbol: string;
  typeCode: string;
  issuedOn: Dayjs;
  receivedOn?: Dayjs;
  issuer: string;
  recipients?: string;
  summary: string;
};

/**
 * Corrects a registered document. An outgoing document's number, symbol and type were given by
 * the register and are shown, not edited.
 */
export function EditDocumentModal({
  open,
  document,
  onClose,
  onSaved,
}: RecordDialogProps<DocumentDetail> & { document: DocumentDetail }) {
  const { t } = useI18n();
  const typeOptions = useTypeOptions();
  const isIncoming = document.direction === "incoming";

  function changes(values: EditValues): EditDocument | null {
    const body: EditDocument = { version: document.version };
    const issuedOn = iso(values.issuedOn);
    const receivedOn = iso(values.receivedOn);
    const recipients = trimmedOrUndefined(values.recipients) ?? null;
    if (isIncoming) {
      if (values.numberAndSymbol?.trim() !== document.numberAndSymbol) body.numberAndSymbol = values.numberAndSymbol;
      if (values.typeCode !== document.typeCode) body.typeCode = values.typeCode;
      if (receivedOn !== (document.receivedOn ?? undefined)) body.receivedOn = receivedOn;
    }
    if (issuedOn !== document.issuedOn) body.issuedOn = issuedOn;
    if (values.issuer?.trim() !== document.issuer) body.issuer = values.issuer?.trim();
    if (recipients !== document.recipients) body.recipients = recipients;
    if (values.summary?.trim() !== document.summary) body.summary = values.summary?.trim();
    return changesOrNull(body);
  }

  return (
    <EditModal<EditValues, EditDocument, DocumentDetail>
      open={open}
      title={t("documents.editTitle", { symbol: document.numberAndSymbol })}
      okText={t("common.save")}
      initialValues={{
        numberAndSymbol: document.numberAndSymbol,
        typeCode: document.typeCode,
        issuedOn: dayjs(document.issuedOn),
        ...(document.receivedOn ? { receivedOn: dayjs(document.receivedOn) } : {}),
        issuer: document.issuer,
        recipients: document.recipients ?? "",
        summary: document.summary,
      }}
      schema={editDocumentSchema}
      fields={["numberAndSymbol", "typeCode", "issuedOn", "receivedOn", "issuer", "recipients", "summary"]}
      toBody={changes}
      save={(body) => api.editDocument(document.id, body)}
      conflictKey={queryKeys.document(document.id)}
      onClose={onClose}
      onSaved={onSaved}
    >
      {isIncoming ? (
        <>
          <Form.Item
            label={t("documents.numberAndSymbol")}
            name="numberAndSymbol"
            rules={[{ required: true, whitespace: true, message: t("documents.numberRequired") }]}
          >
            <Input maxLength={60} autoComplete="off" spellCheck={false} />
          </Form.Item>
          <Form.Item
            label={t("documents.type")}
            name="typeCode"
            rules={[{ required: true, message: t("documents.typeRequired") }]}
          >
            <Select showSearch={{ optionFilterProp: "label" }} virtual={false} options={typeOptions} />
          </Form.Item>
        </>
      ) : (
        <p className="staff-muted">{t("documents.outgoingFixed")}</p>
      )}
      <Form.Item
        label={t("documents.issuer")}
        name="issuer"
        rules={[{ required: true, whitespace: true, message: t("documents.issuerRequired") }]}
      >
        <Input maxLength={300} />
      </Form.Item>
      <DateField name="issuedOn" label={t("documents.issuedOn")} required={t("documents.issuedOnRequired")} />
      {isIncoming && (
        <DateField name="receivedOn" label={t("documents.receivedOn")} required={t("documents.receivedOnRequired")} />
      )}
      <SummaryFields />
    </EditModal>
  );
}
