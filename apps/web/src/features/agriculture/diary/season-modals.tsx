import { useEffect } from "react";
import { Form, Input, Modal, Typography } from "antd";
import { useMutation } from "@tanstack/react-query";
import { createSeasonSchema, type DiaryOverview, type Season } from "@phuong-xanh/shared";
import { ErrorAlert } from "../../../components/query-state";
import { todayIso } from "../../../i18n/format";
import { zodFieldErrors } from "../../../lib/form-errors";
import { diaryApi } from "./diary-api";
import { useDiaryT } from "./messages";

type Plot = DiaryOverview["farms"][number]["plots"][number];
type OpenSeasonValues = { name: string; crop: string; variety?: string; startedOn: string };

/** Mở vụ: a new season on the plot, its crop taken from the plot's, starting today unless changed. */
export function OpenSeasonModal({
  open,
  plot,
  onClose,
  onOpened,
}: {
  open: boolean;
  plot: Plot;
  onClose: () => void;
  onOpened: (season: Season) => void;
}) {
  const t = useDiaryT();
  const [form] = Form.useForm<OpenSeasonValues>();
  const create = useMutation({
    mutationFn: (body: Parameters<typeof diaryApi.openSeason>[1]) => diaryApi.openSeason(plot.id, body),
    onSuccess: onOpened,
  });

  useEffect(() => {
    if (!open) return;
    create.reset();
    form.resetFields();
    form.setFieldsValue({ crop: plot.crop, startedOn: todayIso() });
    // Only when it opens (the mutation object is new on every render).
  }, [open, plot, form]);

  function submit(values: OpenSeasonValues) {
    const parsed = createSeasonSchema.safeParse({
      name: values.name,
      crop: values.crop,
      ...(values.variety?.trim() ? { variety: values.variety } : {}),
      startedOn: values.startedOn,
    });
    if (!parsed.success) {
      form.setFields(zodFieldErrors(parsed.error, ["name", "crop", "variety", "startedOn"] as const).fields);
      return;
    }
    create.mutate(parsed.data);
  }

  return (
    <Modal
      open={open}
      title={`${t("diary.openSeason")} — ${plot.name}`}
      okText={t("diary.openSeason")}
      cancelText={t("diary.cancel")}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" size="large" onFinish={submit} aria-label={t("diary.openSeason")}>
        <Form.Item
          name="name"
          label={t("diary.seasonName")}
          rules={[{ required: true, message: t("diary.required", { field: t("diary.seasonName") }) }]}
        >
          <Input placeholder={t("diary.seasonNamePlaceholder")} maxLength={120} />
        </Form.Item>
        <Form.Item
          name="crop"
          label={t("diary.crop")}
          rules={[{ required: true, message: t("diary.required", { field: t("diary.crop") }) }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="variety" label={t("diary.variety")}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="startedOn" label={t("diary.startedOn")} rules={[{ required: true }]}>
          <Input type="date" max="2100-12-31" />
        </Form.Item>
        <ErrorAlert error={create.error} />
      </Form>
    </Modal>
  );
}

/** Kết thúc vụ, after the harvest: on a day no earlier than the last entry, with the version seen. */
export function CloseSeasonModal({
  open,
  season,
  onClose,
  onClosed,
  onConflict,
}: {
  open: boolean;
  season: Season;
  onClose: () => void;
  onClosed: (season: Season) => void;
  /** True when the error was a conflict, already explained. */
  onConflict: (error: unknown) => boolean;
}) {
  const t = useDiaryT();
  const [form] = Form.useForm<{ closedOn: string }>();
  const last =
    season.entries
      .map((e) => e.occurredOn)
      .sort()
      .at(-1) ?? season.startedOn;
  const close = useMutation({
    mutationFn: (closedOn: string) => diaryApi.closeSeason(season.id, { closedOn, version: season.version }),
    onSuccess: onClosed,
    onError: (error) => {
      if (onConflict(error)) onClose();
    },
  });

  useEffect(() => {
    if (!open) return;
    close.reset();
    const today = todayIso();
    form.setFieldsValue({ closedOn: today < last ? last : today });
  }, [open, last, form]);

  return (
    <Modal
      open={open}
      title={t("diary.closeSeasonTitle", { name: season.name })}
      okText={t("diary.closeSeason")}
      cancelText={t("diary.cancel")}
      confirmLoading={close.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t("diary.closeSeasonHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical" size="large" onFinish={(values) => close.mutate(values.closedOn)}>
        <Form.Item name="closedOn" label={t("diary.closedOnLabel")} rules={[{ required: true }]}>
          <Input type="date" min={last} max="2100-12-31" />
        </Form.Item>
        <ErrorAlert error={close.error instanceof Error && !isConflict(close.error) ? close.error : null} />
      </Form>
    </Modal>
  );
}

const isConflict = (error: Error) => "code" in error && error.code === "CONFLICT";
