import { useEffect, useRef } from "react";
import { Form, Input, InputNumber, Select, type SelectProps } from "antd";
import {
  createUnitRequestSchema,
  updateUnitRequestSchema,
  type CreateUnitRequest,
  type Unit,
  type UpdateUnitRequest,
} from "@phuong-xanh/shared";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";
import { EditModal, nonEmptyOrNull, type RecordDialogProps } from "../../components/edit-modal";
import { CREATABLE_KINDS, MAX_CODE, PARENT_KIND, suggestCode, unitKindLabel, type CreatableKind } from "./unit-kinds";

/** Mirrors the code pattern of `createUnitRequestSchema`, to say it in the UI's words before sending. */
const CODE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const MAX_HOUSEHOLDS = 100_000;

type CreateValues = {
  kind: CreatableKind;
  name: string;
  shortName: string;
  code: string;
  households?: number | null;
};

type EditValues = {
  name: string;
  shortName: string;
  households?: number | null;
};

/** The unit a new one of `kind` belongs to: the ward's "Tổ dân phố" for a residential group, … */
export function parentFor(units: readonly Unit[], kind: CreatableKind | undefined): Unit | undefined {
  const parentKind = kind ? PARENT_KIND[kind] : undefined;
  return parentKind ? units.find((u) => u.kind === parentKind) : undefined;
}

/** Takes `id`, `value` and `onChange` from its Form.Item. */
function KindSelect(props: SelectProps<CreatableKind>) {
  const { t } = useI18n();
  return (
    <Select<CreatableKind>
      {...props}
      // Not virtual: every option is in the page, with role="option" and its name.
      virtual={false}
      options={CREATABLE_KINDS.map((kind) => ({ value: kind, label: unitKindLabel(t, kind) }))}
    />
  );
}

/** The kind, with the unit it will belong to said under it. */
function KindField({ units }: { units: readonly Unit[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance<CreateValues>();
  const kind = Form.useWatch<CreatableKind | undefined>("kind", form);
  const parent = parentFor(units, kind);
  return (
    <Form.Item
      label={t("units.kind")}
      name="kind"
      extra={parent ? t("units.parentAuto", { parent: parent.name }) : undefined}
      rules={[{ required: true, message: t("units.kindRequired") }]}
    >
      <KindSelect />
    </Form.Item>
  );
}

function NameFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        label={t("units.name")}
        name="name"
        rules={[{ required: true, whitespace: true, message: t("units.nameRequired") }]}
      >
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t("units.shortName")}
        name="shortName"
        extra={t("units.shortNameHint")}
        rules={[{ required: true, whitespace: true, message: t("units.shortNameRequired") }]}
      >
        <Input maxLength={60} autoComplete="off" />
      </Form.Item>
    </>
  );
}

/**
 * The code, suggested from the short name ("TDP 13" → "tdp-13") until the officer types one of
 * their own; emptying the field hands it back to the suggestion.
 */
function CodeField() {
  const { t } = useI18n();
  const form = Form.useFormInstance<CreateValues>();
  const shortName = Form.useWatch<string | undefined>("shortName", form);
  const ownCode = useRef(false);

  useEffect(() => {
    if (ownCode.current || shortName === undefined) return;
    form.setFieldValue("code", suggestCode(shortName));
  }, [form, shortName]);

  return (
    <Form.Item
      label={t("units.code")}
      name="code"
      extra={t("units.codeHint")}
      rules={[
        { required: true, whitespace: true, message: t("units.codeRequired") },
        { pattern: CODE_PATTERN, max: MAX_CODE, message: t("units.codeFormat") },
      ]}
    >
      <Input
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={MAX_CODE}
        onChange={(e) => {
          ownCode.current = e.target.value !== "";
        }}
      />
    </Form.Item>
  );
}

function HouseholdsField() {
  const { t } = useI18n();
  return (
    <Form.Item label={t("units.households")} name="households" extra={t("units.householdsHint")}>
      <InputNumber min={0} max={MAX_HOUSEHOLDS} precision={0} inputMode="numeric" style={{ width: "100%" }} />
    </Form.Item>
  );
}

export function CreateUnitModal({
  open,
  units,
  onClose,
  onSaved,
}: RecordDialogProps<Unit> & {
  /** The ward's units, to find the parent of the new one. */
  units: readonly Unit[];
}) {
  const { t } = useI18n();
  return (
    <EditModal<CreateValues, CreateUnitRequest, Unit>
      open={open}
      title={t("units.create")}
      okText={t("units.create")}
      initialValues={{ kind: "residential_group" }}
      schema={createUnitRequestSchema}
      fields={["kind", "name", "shortName", "code", "households"]}
      toBody={(values) => {
        const isGroup = values.kind === "residential_group";
        return {
          code: values.code?.trim(),
          name: values.name?.trim(),
          shortName: values.shortName?.trim(),
          kind: values.kind,
          parentId: parentFor(units, values.kind)?.id ?? null,
          households: isGroup && typeof values.households === "number" ? values.households : null,
        };
      }}
      save={api.createUnit}
      conflictKey={queryKeys.units}
      onClose={onClose}
      onSaved={onSaved}
    >
      <KindField units={units} />
      <NameFields />
      <CodeField />
      <Form.Item noStyle dependencies={["kind"]}>
        {({ getFieldValue }) => (getFieldValue("kind") === "residential_group" ? <HouseholdsField /> : null)}
      </Form.Item>
    </EditModal>
  );
}

export function EditUnitModal({
  open,
  unit,
  onClose,
  onSaved,
}: RecordDialogProps<Unit> & {
  unit: Unit;
}) {
  const { t } = useI18n();
  const isGroup = unit.kind === "residential_group";

  /** Only what changed; null when nothing did (the modal just closes). */
  function changes(values: EditValues): UpdateUnitRequest | null {
    const body: UpdateUnitRequest = {};
    if (values.name.trim() !== unit.name) body.name = values.name.trim();
    if (values.shortName.trim() !== unit.shortName) body.shortName = values.shortName.trim();
    if (isGroup) {
      const households = typeof values.households === "number" ? values.households : null;
      if (households !== unit.households) body.households = households;
    }
    return nonEmptyOrNull(body);
  }

  return (
    <EditModal<EditValues, UpdateUnitRequest, Unit>
      open={open}
      title={t("units.editOf", { name: unit.shortName })}
      okText={t("common.save")}
      initialValues={{ name: unit.name, shortName: unit.shortName, households: unit.households }}
      schema={updateUnitRequestSchema}
      fields={["name", "shortName", "households"]}
      toBody={changes}
      save={(body) => api.updateUnit(unit.id, body)}
      conflictKey={queryKeys.units}
      onClose={onClose}
      onSaved={onSaved}
    >
      <NameFields />
      {isGroup && <HouseholdsField />}
    </EditModal>
  );
}
