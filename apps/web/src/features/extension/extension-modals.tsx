import { Form, Input, InputNumber, Select } from "antd";
import { useQuery } from "@tanstack/react-query";
import {
  EXTENSION_TOPICS,
  MODEL_STATUSES,
  saveModelSchema,
  saveTrainingSchema,
  type DemonstrationModel,
  type ExtensionTopic,
  type ModelStatus,
  type SaveModel,
  type SaveTraining,
  type Training,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { EditModal, type RecordDialogProps } from "../../components/edit-modal";
import { extensionApi, extensionKeys } from "./extension-api";
import { useExtensionT } from "./messages";

/** The ward's residential groups, for the group field and filter. */
export function useResidentialGroups() {
  const units = useQuery({ queryKey: queryKeys.units, queryFn: api.units });
  return (units.data ?? [])
    .filter((u) => u.kind === "residential_group")
    .map((u) => ({ value: u.code, label: u.name }));
}

export function useTopicOptions() {
  const t = useExtensionT();
  return EXTENSION_TOPICS.map((topic) => ({ value: topic, label: t(`ext.topic.${topic}`) }));
}

type TrainingValues = {
  title: string;
  topic: ExtensionTopic;
  heldOn: string;
  place: string;
  organiser: string;
  trainer: string;
  residentialGroup: string | null;
  notes: string;
};

/** Add (training null) or edit a class; an edit carries the version it was opened with. */
export function TrainingModal({ training, ...dialog }: RecordDialogProps<Training> & { training: Training | null }) {
  const t = useExtensionT();
  const { t: tg } = useI18n();
  const groups = useResidentialGroups();
  const topics = useTopicOptions();
  return (
    <EditModal<TrainingValues, SaveTraining, Training>
      {...dialog}
      title={training ? t("ext.training.editTitle") : t("ext.training.addTitle")}
      okText={tg("common.save")}
      initialValues={
        training
          ? {
              title: training.title,
              topic: training.topic,
              heldOn: training.heldOn,
              place: training.place,
              organiser: training.organiser ?? "",
              trainer: training.trainer ?? "",
              residentialGroup: training.residentialGroup?.code ?? null,
              notes: training.notes ?? "",
            }
          : { topic: "awd", residentialGroup: null, organiser: "Phòng Kinh tế, Hạ tầng và Đô thị" }
      }
      schema={saveTrainingSchema}
      fields={["title", "topic", "heldOn", "place", "organiser", "trainer", "residentialGroup", "notes"]}
      toBody={(values) => ({
        title: values.title?.trim() ?? "",
        topic: values.topic,
        heldOn: values.heldOn ?? "",
        place: values.place?.trim() ?? "",
        organiser: values.organiser?.trim() || null,
        trainer: values.trainer?.trim() || null,
        residentialGroup: values.residentialGroup ?? null,
        notes: values.notes?.trim() || null,
        ...(training ? { version: training.version } : {}),
      })}
      save={(body) => (training ? extensionApi.editTraining(training.id, body) : extensionApi.createTraining(body))}
      conflictKey={training ? extensionKeys.training(training.id) : extensionKeys.trainings}
    >
      <Form.Item label={t("ext.training.title")} name="title">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t("ext.filter.topic")} name="topic">
        <Select options={topics} />
      </Form.Item>
      <Form.Item label={t("ext.training.heldOn")} name="heldOn">
        <Input type="date" />
      </Form.Item>
      <Form.Item label={t("ext.training.place")} name="place">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t("ext.training.organiser")} name="organiser">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t("ext.training.trainer")} name="trainer">
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item label={t("ext.training.group")} name="residentialGroup">
        <Select allowClear placeholder={t("ext.training.wholeWard")} options={groups} />
      </Form.Item>
      <Form.Item label={t("ext.training.notes")} name="notes">
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </EditModal>
  );
}

type ModelValues = {
  name: string;
  topic: ExtensionTopic;
  plotId: string;
  seasonId: string | null;
  startedOn: string;
  endedOn: string;
  areaHa: number | null;
  status: ModelStatus;
  resultNotes: string;
};

export function ModelModal({
  model,
  ...dialog
}: RecordDialogProps<DemonstrationModel> & { model: DemonstrationModel | null }) {
  const t = useExtensionT();
  const { t: tg } = useI18n();
  const topics = useTopicOptions();
  const plots = useQuery({ queryKey: extensionKeys.plots, queryFn: extensionApi.plots });
  const plotOptions = (plots.data ?? [])
    .filter((plot) => plot.active || plot.id === model?.plot.id)
    .map((plot) => ({ value: plot.id, label: `${plot.farmName} — ${plot.name} (${plot.areaHa} ha)` }));
  return (
    <EditModal<ModelValues, SaveModel, DemonstrationModel>
      {...dialog}
      title={model ? t("ext.model.editTitle") : t("ext.model.addTitle")}
      okText={tg("common.save")}
      initialValues={
        model
          ? {
              name: model.name,
              topic: model.topic,
              plotId: model.plot.id,
              seasonId: model.season?.id ?? null,
              startedOn: model.startedOn,
              endedOn: model.endedOn ?? "",
              areaHa: model.areaHa,
              status: model.status,
              resultNotes: model.resultNotes ?? "",
            }
          : { topic: "awd", status: "planned", seasonId: null, endedOn: "" }
      }
      schema={saveModelSchema}
      fields={["name", "topic", "plotId", "seasonId", "startedOn", "endedOn", "areaHa", "status", "resultNotes"]}
      toBody={(values) => ({
        name: values.name?.trim() ?? "",
        topic: values.topic,
        plotId: values.plotId,
        seasonId: values.seasonId ?? null,
        startedOn: values.startedOn ?? "",
        endedOn: values.endedOn ? values.endedOn : null,
        areaHa: values.areaHa ?? undefined,
        status: values.status,
        resultNotes: values.resultNotes?.trim() || null,
        ...(model ? { version: model.version } : {}),
      })}
      save={(body) => (model ? extensionApi.editModel(model.id, body) : extensionApi.createModel(body))}
      conflictKey={model ? extensionKeys.model(model.id) : extensionKeys.models}
    >
      <Form.Item label={t("ext.model.name")} name="name">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t("ext.filter.topic")} name="topic">
        <Select options={topics} />
      </Form.Item>
      <Form.Item
        label={t("ext.model.plot")}
        name="plotId"
        rules={[{ required: true, message: t("ext.model.plotRequired") }]}
      >
        <Select showSearch={{ optionFilterProp: "label" }} loading={plots.isPending} options={plotOptions} />
      </Form.Item>
      <Form.Item noStyle dependencies={["plotId"]}>
        {({ getFieldValue }) => <SeasonField plotId={(getFieldValue("plotId") as string | undefined) ?? null} />}
      </Form.Item>
      <Form.Item label={t("ext.model.startedOn")} name="startedOn">
        <Input type="date" />
      </Form.Item>
      <Form.Item label={t("ext.model.endedOn")} name="endedOn">
        <Input type="date" />
      </Form.Item>
      <Form.Item label={t("ext.model.area")} name="areaHa">
        <InputNumber min={0.001} max={10000} step={0.1} decimalSeparator="," style={{ width: "100%" }} />
      </Form.Item>
      <Form.Item label={t("ext.model.status")} name="status">
        <Select options={MODEL_STATUSES.map((s) => ({ value: s, label: t(`ext.status.${s}`) }))} />
      </Form.Item>
      <Form.Item label={t("ext.model.resultNotes")} name="resultNotes">
        <Input.TextArea maxLength={4000} autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
    </EditModal>
  );
}

/** The seasons of the chosen plot (its diary), to link the model's result to. */
function SeasonField({ plotId }: { plotId: string | null }) {
  const t = useExtensionT();
  const seasons = useQuery({
    queryKey: extensionKeys.plotSeasons(plotId ?? ""),
    queryFn: () => extensionApi.plotSeasons(plotId ?? ""),
    enabled: plotId !== null,
  });
  return (
    <Form.Item label={t("ext.model.season")} name="seasonId">
      <Select
        allowClear
        placeholder={t("ext.model.noSeason")}
        loading={plotId !== null && seasons.isPending}
        options={(seasons.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.crop})` }))}
      />
    </Form.Item>
  );
}
