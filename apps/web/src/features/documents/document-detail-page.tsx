import { useState } from "react";
import { App, Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { EditOutlined } from "@ant-design/icons";
import { DOCUMENT_TYPES, documentTypeName, formatRegisterNumber, type DocumentDetail } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { useFormat } from "../../i18n/format";
import { DetailHeader, DetailLayout, DetailPage, historyTabs, useRecordSaved } from "../../components/detail-page";
import { FileLinks } from "../../components/file-links";
import { DocumentLinks } from "./document-links";
import { EditDocumentModal } from "./document-modals";

export default function DocumentDetailPage() {
  return <DetailPage kind="document">{(document) => <DocumentDetailView document={document} />}</DetailPage>;
}

function DocumentDetailView({ document }: { document: DocumentDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const onSaved = useRecordSaved("document");
  const [editOpen, setEditOpen] = useState(false);
  const isIncoming = document.direction === "incoming";
  const known = DOCUMENT_TYPES.find((type) => type.code === document.typeCode);
  const typeName = known ? t(`docType.${known.code}`) : documentTypeName(document.typeCode);
  const number = t(isIncoming ? "documents.registerNumberOfIn" : "documents.registerNumberOfOut", {
    number: formatRegisterNumber(document.registerNumber),
    year: document.registerYear,
  });

  const tabs = [
    {
      key: "links",
      label: t("documents.linksTab", { count: document.links.length }),
      children: <DocumentLinks document={document} onSaved={onSaved} />,
    },
    ...historyTabs(t, "document", document),
  ];

  return (
    <>
      <DetailHeader
        list={{ to: "/van-ban", label: t("nav.documents") }}
        crumb={document.numberAndSymbol}
        title={t("documents.detailTitle", { type: typeName, number: document.numberAndSymbol })}
        tags={
          <Space wrap size={4}>
            <Tag color={isIncoming ? "blue" : "green"}>
              {isIncoming ? t("documents.directionIncoming") : t("documents.directionOutgoing")}
            </Tag>
            <Tag>{number}</Tag>
          </Space>
        }
        extra={
          document.can.edit && (
            <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)}>
              {t("documents.edit")}
            </Button>
          )
        }
      />
      <DetailLayout
        main={
          <Card size="small" title={t("documents.summary")}>
            <Typography.Paragraph style={{ whiteSpace: "pre-line" }}>{document.summary}</Typography.Paragraph>
            {document.file ? (
              <FileLinks files={[document.file]} />
            ) : (
              <Typography.Text type="secondary">{t("documents.noFile")}</Typography.Text>
            )}
          </Card>
        }
        facts={
          <>
            <Descriptions.Item label={isIncoming ? t("documents.registerNumberIn") : t("documents.registerNumberOut")}>
              {t("documents.registerNumberValue", {
                number: formatRegisterNumber(document.registerNumber),
                year: document.registerYear,
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t("documents.numberAndSymbol")}>{document.numberAndSymbol}</Descriptions.Item>
            <Descriptions.Item label={t("documents.type")}>{typeName}</Descriptions.Item>
            <Descriptions.Item label={t("documents.issuedOn")}>{format.date(document.issuedOn)}</Descriptions.Item>
            {document.receivedOn && (
              <Descriptions.Item label={t("documents.receivedOn")}>
                {format.date(document.receivedOn)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t("documents.issuer")}>{document.issuer}</Descriptions.Item>
            <Descriptions.Item label={t("documents.recipients")}>
              <span style={{ whiteSpace: "pre-line" }}>{document.recipients ?? "—"}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t("documents.registeredBy")}>
              {[document.registeredBy, format.dateTime(document.createdAt)].filter(Boolean).join(" · ")}
            </Descriptions.Item>
          </>
        }
        tabs={tabs}
      />
      {document.can.edit && (
        <EditDocumentModal
          open={editOpen}
          document={document}
          onClose={() => setEditOpen(false)}
          onSaved={(saved) => {
            onSaved(saved);
            void message.success(t("documents.saved", { symbol: saved.numberAndSymbol }));
          }}
        />
      )}
    </>
  );
}
