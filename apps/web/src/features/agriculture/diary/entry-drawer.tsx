import { useEffect, useState } from "react";
import { Alert, Button, Drawer, Form, Grid, Input, InputNumber, Radio, Switch } from "antd";
import { EnvironmentOutlined } from "@ant-design/icons";
import {
  DIARY_ENTRY_KINDS,
  diaryEntryInputSchema,
  type DiaryEntry,
  type DiaryEntryInput,
  type DiaryEntryKind,
} from "@phuong-xanh/shared";
import { ErrorAlert } from "../../../components/query-state";
import { formatDate, todayIso } from "../../../i18n/format";
import {
  detailsFromValues,
  emptyValues,
  fieldLabel,
  KIND_FIELDS,
  kindOf,
  lastOfKind,
  valuesFromDetails,
  type EntryLike,
  type FieldSpec,
  type FormValues,
} from "./entry-form";
import { isDiaryMessageKey, useDiaryT, type DiaryTranslate } from "./messages";
import { newClientId, type QueuedEntry } from "./offline-queue";
import { PhotoPicker } from "./photo-picker";

/** The photos to add with the entry (new ones) and, for a saved entry, those to remove. */
export type PhotoChanges = { add: File[]; remove: string[] };

/** What the drawer is for: a new entry, one still on the phone, or one the server has. */
export type EntryTarget =
  { mode: "new" } | { mode: "queued"; item: QueuedEntry } | { mode: "saved"; entry: DiaryEntry };

/** The label of a kind, field, option or unit, by its message key (all checked in messages.test.ts). */
export function diaryText(t: DiaryTranslate, key: string): string {
  return isDiaryMessageKey(key) ? t(key) : key;
}

export const kindLabel = (t: DiaryTranslate, kind: DiaryEntryKind) => diaryText(t, `diary.kind.${kind}`);

type Location = { lat: number; lng: number };

function initialOf(target: EntryTarget): {
  kind: DiaryEntryKind | null;
  values: FormValues;
  day: string;
  note: string;
  at: Location | null;
} {
  if (target.mode === "new") return { kind: null, values: {}, day: todayIso(), note: "", at: null };
  const source =
    target.mode === "queued"
      ? {
          details: target.item.entry.details as Record<string, unknown>,
          occurredOn: target.item.entry.occurredOn,
          note: target.item.entry.note ?? "",
          lat: target.item.entry.latitude,
          lng: target.item.entry.longitude,
        }
      : {
          details: target.entry.details,
          occurredOn: target.entry.occurredOn,
          note: target.entry.note ?? "",
          lat: target.entry.latitude ?? undefined,
          lng: target.entry.longitude ?? undefined,
        };
  return {
    kind: kindOf(source.details),
    values: valuesFromDetails(source.details),
    day: source.occurredOn,
    note: source.note,
    at: source.lat !== undefined && source.lng !== undefined ? { lat: source.lat, lng: source.lng } : null,
  };
}

/**
 * Adding or correcting one entry, phone first: the kind as big buttons, then only that kind's
 * fields (prefilled from the last entry of the kind: "quick entry"), the day (today unless
 * changed), an optional note and the phone's location.
 */
export function EntryDrawer({
  target,
  startedOn,
  entries,
  saving,
  error,
  onClose,
  onSubmit,
}: {
  target: EntryTarget | null;
  startedOn: string;
  /** Saved and waiting entries of the season, for quick entry. */
  entries: readonly EntryLike[];
  saving: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (entry: DiaryEntryInput, photos: PhotoChanges) => void;
}) {
  const t = useDiaryT();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const [kind, setKind] = useState<DiaryEntryKind | null>(null);
  const [prefilledFrom, setPrefilledFrom] = useState<string | null>(null);
  const [at, setAt] = useState<Location | null>(null);
  const [locating, setLocating] = useState(false);
  const [locationNote, setLocationNote] = useState<string | null>(null);
  const [chosen, setChosen] = useState<File[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const day = Form.useWatch("occurredOn", form);

  useEffect(() => {
    if (!target) return;
    const initial = initialOf(target);
    form.resetFields();
    form.setFieldsValue({ ...initial.values, occurredOn: initial.day, note: initial.note });
    setKind(initial.kind);
    setPrefilledFrom(null);
    setAt(initial.at);
    setLocationNote(null);
    setChosen([]);
    setRemoved([]);
  }, [target, form]);

  function chooseKind(next: DiaryEntryKind) {
    const keep = form.getFieldsValue(["occurredOn", "note"]);
    form.resetFields();
    const last = lastOfKind(entries, next);
    form.setFieldsValue({
      ...emptyValues(next),
      ...(last ? valuesFromDetails(last.details) : {}),
      ...keep,
    });
    setPrefilledFrom(last ? last.occurredOn : null);
    setKind(next);
  }

  function clearPrefill() {
    if (!kind) return;
    const keep = form.getFieldsValue(["occurredOn", "note"]);
    form.resetFields();
    form.setFieldsValue({ ...emptyValues(kind), ...keep });
    setPrefilledFrom(null);
  }

  function locate() {
    if (!("geolocation" in navigator)) {
      setLocationNote(t("diary.locationUnsupported"));
      return;
    }
    setLocating(true);
    setLocationNote(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setAt({ lat: position.coords.latitude, lng: position.coords.longitude });
      },
      () => {
        setLocating(false);
        setLocationNote(t("diary.locationDenied"));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  function submit(values: FormValues) {
    if (!kind || !target) return;
    const occurredOn = values.occurredOn;
    if (typeof occurredOn !== "string") return;
    const details = detailsFromValues(kind, values);
    if (!details.ok) {
      form.setFields(details.errors.map((e) => ({ name: e.field, errors: [e.message] })));
      return;
    }
    const note = typeof values.note === "string" ? values.note.trim() : "";
    const clientId =
      target.mode === "queued"
        ? target.item.entry.clientId
        : target.mode === "saved"
          ? target.entry.clientId
          : newClientId();
    const parsed = diaryEntryInputSchema.safeParse({
      clientId,
      occurredOn,
      details: details.details,
      ...(note ? { note } : {}),
      ...(at ? { latitude: at.lat, longitude: at.lng } : {}),
    });
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({
          name: issue.path[0] === "occurredOn" ? "occurredOn" : "note",
          errors: [issue.message],
        })),
      );
      return;
    }
    onSubmit(parsed.data, { add: chosen, remove: target.mode === "saved" ? removed : [] });
  }

  const isPhone = !screens.md;
  const title = kind
    ? t(target?.mode === "new" ? "diary.newEntry" : "diary.editEntry", { kind: kindLabel(t, kind) })
    : t("diary.add");

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      placement={isPhone ? "bottom" : "right"}
      size={isPhone ? "92%" : 520}
      title={title}
      destroyOnHidden
      className="diary-drawer"
    >
      {target?.mode === "new" && (
        <fieldset className="diary-kinds">
          <legend>{t("diary.chooseKind")}</legend>
          <div className="diary-kind-grid">
            {DIARY_ENTRY_KINDS.map((k) => (
              <Button
                key={k}
                size="large"
                type={k === kind ? "primary" : "default"}
                aria-pressed={k === kind}
                onClick={() => chooseKind(k)}
              >
                {kindLabel(t, k)}
              </Button>
            ))}
          </div>
        </fieldset>
      )}
      {/* Always mounted, so that the day and the prefill set before a kind is chosen are kept. */}
      <Form
        form={form}
        layout="vertical"
        size="large"
        onFinish={submit}
        aria-label={title}
        className="diary-form"
        hidden={kind === null}
      >
        {prefilledFrom && (
          <Alert
            type="info"
            showIcon
            className="diary-prefilled"
            title={t("diary.prefilled", { date: formatDate(prefilledFrom) })}
            action={
              <Button size="small" onClick={clearPrefill}>
                {t("diary.clearPrefill")}
              </Button>
            }
          />
        )}
        <Form.Item
          name="occurredOn"
          label={t("diary.occurredOn")}
          rules={[
            { required: true, message: t("diary.required", { field: t("diary.occurredOn") }) },
            {
              validator: (_rule, value: string | undefined) =>
                value && value < startedOn
                  ? Promise.reject(new Error(t("diary.beforeSeason", { date: formatDate(startedOn) })))
                  : Promise.resolve(),
            },
          ]}
        >
          {/* The phone's own date picker: big, familiar, and no calendar code to download. */}
          <Input type="date" min={startedOn} max="2100-12-31" />
        </Form.Item>
        {(kind ? KIND_FIELDS[kind] : []).map((spec) => (
          <DetailField key={spec.key} spec={spec} t={t} />
        ))}
        <Form.Item name="note" label={t("diary.note")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        <div className="diary-location" role="group" aria-label={t("diary.location")}>
          {at ? (
            <>
              <span>
                <EnvironmentOutlined aria-hidden="true" />{" "}
                {t("diary.locationAt", { lat: at.lat.toFixed(5), lng: at.lng.toFixed(5) })}
              </span>
              <Button onClick={() => setAt(null)}>{t("diary.locationRemove")}</Button>
            </>
          ) : (
            <Button icon={<EnvironmentOutlined />} loading={locating} onClick={locate}>
              {locating ? t("diary.locating") : t("diary.useLocation")}
            </Button>
          )}
          {locationNote && <span className="diary-muted">{locationNote}</span>}
        </div>
        {/* A waiting entry keeps the photos chosen with it (they are sent after it). */}
        {target && target.mode !== "queued" && (
          <PhotoPicker
            existing={target.mode === "saved" ? target.entry.photos : []}
            removed={removed}
            onToggleRemoved={(id) =>
              setRemoved((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]))
            }
            chosen={chosen}
            onChosen={setChosen}
            date={formatDate(typeof day === "string" && day ? day : todayIso())}
          />
        )}
        <ErrorAlert error={error} />
        <div className="diary-form-actions">
          <Button onClick={onClose}>{t("diary.cancel")}</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t("diary.save")}
          </Button>
        </div>
      </Form>
    </Drawer>
  );
}

function DetailField({ spec, t }: { spec: FieldSpec; t: DiaryTranslate }) {
  const label = diaryText(t, `diary.field.${fieldLabel(spec)}`);
  const rules = spec.required ? [{ required: true, message: t("diary.required", { field: label }) }] : [];
  switch (spec.type) {
    case "text":
      return (
        <Form.Item name={spec.key} label={label} rules={rules}>
          <Input maxLength={120} />
        </Form.Item>
      );
    case "number":
      return (
        <Form.Item name={spec.key} label={label} rules={rules}>
          <InputNumber
            min={0}
            precision={spec.integer ? 0 : undefined}
            inputMode={spec.integer ? "numeric" : "decimal"}
            suffix={spec.unit ? diaryText(t, `diary.unit.${spec.unit}`) : undefined}
            style={{ width: "100%" }}
          />
        </Form.Item>
      );
    case "select":
      return (
        <Form.Item name={spec.key} label={label} rules={rules}>
          <Radio.Group className="diary-choices">
            {spec.options.map((option) => (
              <Radio key={option} value={option}>
                {diaryText(t, `diary.option.${fieldLabel(spec)}.${option}`)}
              </Radio>
            ))}
            {!spec.required && <Radio value="">{t("diary.none")}</Radio>}
          </Radio.Group>
        </Form.Item>
      );
    case "switch":
      return (
        <Form.Item name={spec.key} label={label} valuePropName="checked">
          <Switch />
        </Form.Item>
      );
  }
}
