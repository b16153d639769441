import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { App, Button, Card, Col, Descriptions, Dropdown, Image, Row, Space, Switch, Tag, Typography } from "antd";
import type { MenuProps } from "antd";
import {
  CheckOutlined,
  CommentOutlined,
  DownOutlined,
  EditOutlined,
  EyeInvisibleOutlined,
  LockOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { isOpenStatus, type StaffReportDetail } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../../lib/endpoints";
import { errorMessage } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { useFormat } from "../../../i18n/format";
import { DetailHeader } from "../../../components/detail-page";
import { QueryState } from "../../../components/query-state";
import { useConfirmAction, useDialog } from "../../../components/use-admin-list";
import { DeadlineText, InternalTag, ReportStatusTag, useReportSaved } from "./feedback-ui";
import { ReportActionModal, useSendAction, type FormAction } from "./report-actions";
import { ReportPlace } from "./report-location";
import { contactIsEmpty, reportStatusLabel, timelineOrder } from "./report-rules";
import { useFeedbackStaffT, type FeedbackStaffTranslate } from "./messages";

type Update = StaffReportDetail["updates"][number];

/** One citizen report, as staff handle it: what was reported, where, by whom, and everything since. */
export default function FeedbackReportPage() {
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: queryKeys.feedbackReport(id),
    queryFn: () => api.feedbackReport(id),
    enabled: id !== "",
  });
  return <QueryState query={query}>{(report) => <ReportView report={report} />}</QueryState>;
}

function ReportView({ report }: { report: StaffReportDetail }) {
  const { t } = useI18n();
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const { message } = App.useApp();
  const onSaved = useReportSaved();
  const send = useSendAction(report);
  const confirm = useConfirmAction();
  const { dialog, open, show, close } = useDialog<FormAction>();
  const { triage, handle } = report.can;
  const isOpen = isOpenStatus(report.status);
  const updates = timelineOrder(report.updates);

  function toggleSensitive() {
    const next = !report.sensitive;
    confirm({
      title: ft(next ? "feedback.action.sensitiveOn" : "feedback.action.sensitiveOff"),
      content: ft(next ? "feedback.action.sensitiveOnHint" : "feedback.action.sensitiveOffHint"),
      icon: <EyeInvisibleOutlined />,
      okText: ft(next ? "feedback.action.sensitiveOn" : "feedback.action.sensitiveOff"),
      danger: false,
      run: async () => {
        onSaved(await send({ action: "sensitive", version: report.version, sensitive: next }));
        return ft(next ? "feedback.done.sensitiveOn" : "feedback.done.sensitiveOff");
      },
    });
  }

  // The primary acts are buttons; the rarer ones wait in "Thao tác khác".
  const buttons: ReactNode[] = [];
  if (triage && report.status === "new")
    buttons.push(
      <Button key="accept" type="primary" icon={<CheckOutlined />} onClick={() => show("accept")}>
        {ft("feedback.action.accept")}
      </Button>,
    );
  if (handle && isOpen)
    buttons.push(
      <Button key="status" icon={<SwapOutlined />} onClick={() => show("status")}>
        {ft("feedback.action.status")}
      </Button>,
    );
  if (handle)
    buttons.push(
      <Button key="respond" icon={<CommentOutlined />} onClick={() => show("respond")}>
        {ft("feedback.action.respond")}
      </Button>,
    );
  if (handle || triage)
    buttons.push(
      <Button key="note" icon={<LockOutlined />} onClick={() => show("note")}>
        {ft("feedback.action.note")}
      </Button>,
    );
  const more: NonNullable<MenuProps["items"]> = [];
  if (triage) {
    if (isOpen) more.push({ key: "reject", label: ft("feedback.action.reject"), onClick: () => show("reject") });
    if (isOpen)
      more.push({ key: "duplicate", label: ft("feedback.action.duplicate"), onClick: () => show("duplicate") });
    more.push(
      { key: "recategorise", label: ft("feedback.action.recategorise"), onClick: () => show("recategorise") },
      { key: "move", label: ft("feedback.action.move"), onClick: () => show("move") },
      { key: "assign", label: ft("feedback.action.assign"), onClick: () => show("assign") },
      {
        key: "sensitive",
        label: ft(report.sensitive ? "feedback.action.sensitiveOff" : "feedback.action.sensitiveOn"),
        onClick: toggleSensitive,
      },
    );
  }
  if (handle && !isOpen && report.status !== "duplicate")
    more.unshift({ key: "status", label: ft("feedback.action.reopen"), onClick: () => show("status") });
  if (more.length > 0)
    buttons.push(
      <Dropdown key="more" menu={{ items: more }} trigger={["click"]}>
        <Button icon={<EditOutlined />}>
          {ft("feedback.action.more")} <DownOutlined />
        </Button>
      </Dropdown>,
    );

  const facts = (
    <>
      <Descriptions.Item label={ft("feedback.category")}>{report.category.name}</Descriptions.Item>
      <Descriptions.Item label={ft("feedback.unit")}>{report.unit.name}</Descriptions.Item>
      <Descriptions.Item label={ft("feedback.assignee")}>
        {report.assignee?.name ?? <Typography.Text type="secondary">{ft("feedback.noAssignee")}</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label={ft("feedback.createdAt")}>{format.dateTime(report.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={ft("feedback.dueOn")}>
        <DeadlineText report={report} long />
      </Descriptions.Item>
      <Descriptions.Item label={ft("feedback.source")}>{ft(`feedback.source.${report.source}`)}</Descriptions.Item>
      {report.task && (
        <Descriptions.Item label={ft("feedback.task")}>
          <a href={`/cong-khai/nhiem-vu/${encodeURIComponent(report.task.code)}`} target="_blank" rel="noopener">
            {report.task.ref} {report.task.title}
          </a>
        </Descriptions.Item>
      )}
      {report.duplicateOf && (
        <Descriptions.Item label={ft("feedback.duplicateOf")}>
          <Link to={`/xu-ly-phan-anh/${report.duplicateOf.id}`}>{report.duplicateOf.code}</Link>
        </Descriptions.Item>
      )}
      {report.duplicates.length > 0 && (
        <Descriptions.Item label={ft("feedback.duplicates")}>
          <Space wrap size={[8, 0]}>
            {report.duplicates.map((d) => (
              <Link key={d.id} to={`/xu-ly-phan-anh/${d.id}`}>
                {d.code}
              </Link>
            ))}
          </Space>
        </Descriptions.Item>
      )}
    </>
  );

  const main = (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={ft("feedback.content")}>
        <p className="fb-description">{report.description}</p>
        {report.answers.length > 0 && (
          <Descriptions
            size="small"
            column={1}
            bordered
            title={<span style={{ fontSize: 14 }}>{ft("feedback.answers")}</span>}
            items={report.answers.map((answer) => ({ key: answer.code, label: answer.label, children: answer.value }))}
          />
        )}
      </Card>
      <PhotosCard report={report} onSaved={onSaved} send={send} canEdit={triage || handle} />
      <Card size="small" title={ft("feedback.location")}>
        <Space direction="vertical" size={8} style={{ width: "100%" }}>
          {report.lat !== null && report.lng !== null ? (
            <ReportPlace at={{ lat: report.lat, lng: report.lng }} />
          ) : (
            <Typography.Text type="secondary">{ft("feedback.noCoordinates")}</Typography.Text>
          )}
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={ft("feedback.residentialGroup")}>
              {report.residentialGroup?.name ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label={ft("feedback.address")}>{report.address ?? "—"}</Descriptions.Item>
            <Descriptions.Item label={ft("feedback.locationSource")}>
              {ft(`feedback.locationSource.${report.locationSource}`)}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      </Card>
    </Space>
  );

  return (
    <>
      <DetailHeader
        list={{ to: "/xu-ly-phan-anh", label: t("nav.feedback") }}
        crumb={report.code}
        title={ft("feedback.detailTitle", { code: report.code })}
        tags={
          <Space wrap size={4}>
            <ReportStatusTag status={report.status} />
            {report.late && isOpen && <Tag color="red">{ft("feedback.late")}</Tag>}
            {report.sensitive && (
              <Tag icon={<EyeInvisibleOutlined />} color="default">
                {ft("feedback.sensitive")}
              </Tag>
            )}
          </Space>
        }
        extra={buttons.length > 0 ? buttons : undefined}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          {main}
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            <Card size="small" title={t("task.facts")}>
              <Descriptions column={1} size="small">
                {facts}
              </Descriptions>
            </Card>
            <ContactCard contact={report.contact} />
          </Space>
        </Col>
        <Col span={24}>
          <Card size="small" title={ft("feedback.timeline", { count: updates.length })}>
            <Timeline updates={updates} />
          </Card>
        </Col>
      </Row>
      {dialog && (
        <ReportActionModal
          key={dialog}
          report={report}
          kind={dialog}
          open={open}
          onClose={close}
          onSaved={(saved) => {
            onSaved(saved);
            void message.success(ft(`feedback.done.${dialog}`, { code: saved.code }));
          }}
        />
      )}
    </>
  );
}

/** The reporter's contact: for the Office, leaders and the handling unit only. */
function ContactCard({ contact }: { contact: StaffReportDetail["contact"] }) {
  const ft = useFeedbackStaffT();
  const format = useFormat();
  let body: ReactNode;
  if (contact === null) body = <Typography.Text type="secondary">{ft("feedback.contactHidden")}</Typography.Text>;
  else if (contact.erasedAt)
    body = (
      <Typography.Text type="secondary">
        {ft("feedback.contactErased", { date: format.date(contact.erasedAt) })}
      </Typography.Text>
    );
  else if (contactIsEmpty(contact))
    body = <Typography.Text type="secondary">{ft("feedback.contactNone")}</Typography.Text>;
  else
    body = (
      <Descriptions column={1} size="small">
        {contact.name && <Descriptions.Item label={ft("feedback.contactName")}>{contact.name}</Descriptions.Item>}
        {contact.phone && (
          <Descriptions.Item label={ft("feedback.contactPhone")}>
            <a href={`tel:${contact.phone.replace(/[^0-9+]/g, "")}`}>{contact.phone}</a>
          </Descriptions.Item>
        )}
        {contact.email && (
          <Descriptions.Item label={ft("feedback.contactEmail")}>
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={ft("feedback.contactNotify")}>
          {contact.notify ? ft("feedback.contactNotifyYes") : ft("feedback.contactNotifyNo")}
        </Descriptions.Item>
        {contact.consentedAt && (
          <Descriptions.Item label={ft("feedback.contactConsent")}>
            {format.dateTime(contact.consentedAt)}
          </Descriptions.Item>
        )}
      </Descriptions>
    );
  return (
    <Card size="small" title={ft("feedback.contact")} style={{ width: "100%" }}>
      {body}
    </Card>
  );
}

/** The reporter's photos; staff may hide one from the public page (a face, a number plate). */
function PhotosCard({
  report,
  canEdit,
  send,
  onSaved,
}: {
  report: StaffReportDetail;
  canEdit: boolean;
  send: ReturnType<typeof useSendAction>;
  onSaved: (report: StaffReportDetail) => void;
}) {
  const { t } = useI18n();
  const ft = useFeedbackStaffT();
  const { message } = App.useApp();
  const [saving, setSaving] = useState<string | undefined>();
  if (report.photos.length === 0) return null;

  async function toggle(fileId: string, hidden: boolean) {
    setSaving(fileId);
    try {
      onSaved(await send({ action: "photo", version: report.version, fileId, hidden }));
      void message.success(ft(hidden ? "feedback.done.photoHidden" : "feedback.done.photoShown"));
    } catch (cause) {
      void message.error(errorMessage(cause, t("common.saveFailed")));
    } finally {
      setSaving(undefined);
    }
  }

  return (
    <Card size="small" title={ft("feedback.photos", { count: report.photos.length })}>
      <Image.PreviewGroup>
        <ul className="fb-photos">
          {report.photos.map((photo, index) => {
            const name = ft("feedback.photoAlt", { n: index + 1, code: report.code });
            return (
              <li key={photo.id} className={photo.hidden ? "fb-photo fb-photo-hidden" : "fb-photo"}>
                <Image src={photo.url} alt={name} />
                {canEdit ? (
                  <span style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
                    <Switch
                      size="small"
                      checked={photo.hidden}
                      loading={saving === photo.id}
                      aria-label={ft("feedback.photoHideOf", { name })}
                      onChange={(hidden) => void toggle(photo.id, hidden)}
                    />
                    <span aria-hidden="true">{ft("feedback.photoHide")}</span>
                  </span>
                ) : (
                  photo.hidden && <Typography.Text type="secondary">{ft("feedback.photoHidden")}</Typography.Text>
                )}
              </li>
            );
          })}
        </ul>
      </Image.PreviewGroup>
    </Card>
  );
}

/** "Chuyển trạng thái: Đã tiếp nhận → Đang xử lý", "Ghi chú nội bộ", … */
export function updateTitle(ft: FeedbackStaffTranslate, language: "vi" | "en", update: Update): string {
  const label = (status: Update["statusTo"]) => (status ? reportStatusLabel(status, language) : "");
  if (update.kind === "status" && update.statusTo)
    return update.statusFrom
      ? ft("feedback.kind.statusFromTo", { from: label(update.statusFrom), to: label(update.statusTo) })
      : ft("feedback.kind.statusTo", { to: label(update.statusTo) });
  return ft(`feedback.kind.${update.kind}`);
}

/** Everything since the report came in, oldest first; what residents never see is marked "Nội bộ". */
function Timeline({ updates }: { updates: Update[] }) {
  const { t, language } = useI18n();
  const ft = useFeedbackStaffT();
  const format = useFormat();
  if (updates.length === 0) return <Typography.Text type="secondary">{t("common.empty")}</Typography.Text>;
  return (
    <ol className="fb-timeline" aria-label={ft("feedback.timelineLabel")}>
      {updates.map((update) => (
        <li
          key={update.id}
          className={`fb-entry ${update.isPublic ? "fb-entry-public" : "fb-entry-internal"}`}
          data-internal={update.isPublic ? undefined : "true"}
        >
          <div className="fb-entry-head">
            <strong>{updateTitle(ft, language, update)}</strong>
            {update.isPublic ? (
              <Tag color="green" className="fb-status">
                {ft("feedback.public")}
              </Tag>
            ) : (
              <InternalTag />
            )}
            <Typography.Text type="secondary">
              {update.author} · {format.dateTime(update.at)}
            </Typography.Text>
          </div>
          {update.text && <p className="fb-entry-text">{update.text}</p>}
          {update.photos.length > 0 && (
            <Image.PreviewGroup>
              <Space wrap size={8} style={{ marginTop: 6 }}>
                {update.photos.map((photo, index) => (
                  <Image
                    key={photo.id}
                    src={photo.url}
                    width={96}
                    height={72}
                    style={{ objectFit: "cover", borderRadius: 4 }}
                    alt={ft("feedback.updatePhotoAlt", { n: index + 1 })}
                  />
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
        </li>
      ))}
    </ol>
  );
}
