import { useEffect, useMemo, useState } from "react";
import {
  AutoComplete,
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Tag,
  Typography,
} from "antd";
import type { TableColumnsType } from "antd";
import { CheckCircleOutlined, DeleteOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { saveCategorySchema, type Category, type CategoryQuestion, type SaveCategory } from "@phuong-xanh/shared";
import { api, queryKeys } from "../../../lib/endpoints";
import { ApiError } from "../../../lib/api";
import { useI18n } from "../../../i18n/i18n";
import { useFormat } from "../../../i18n/format";
import { assignableUnits, residentialGroups, useUnits } from "../../../app/hooks";
import { AdminListPage, actionsColumn } from "../../../components/admin-list-page";
import { ErrorAlert } from "../../../components/query-state";
import { RowActions } from "../../../components/row-actions";
import {
  rememberInList,
  useActiveToggle,
  useDialog,
  useIsPhone,
  useListFilter,
  useOnSaved,
} from "../../../components/use-admin-list";
import type { RecordDialogProps } from "../../../components/edit-modal";
import { useNestedFormSave } from "../../reporting/use-nested-form-save";
import {
  LIST_DATATYPES,
  NEW_CATEGORY_VALUES,
  categoryField,
  categoryToValues,
  suggestQuestionCode,
  suggestValueKey,
  toggledBody,
  valuesToBody,
  type CategoryValues,
} from "./category-form";
import { ShortUnit, useFeedbackCategories } from "./feedback-ui";
import { useFeedbackStaffT } from "./messages";

type Dialog = { kind: "create" } | { kind: "edit"; category: Category };
const MAX_QUESTIONS = 10;
const DATATYPES: CategoryQuestion["datatype"][] = [
  "singlevaluelist",
  "multivaluelist",
  "string",
  "text",
  "number",
  "datetime",
];

const byGroupThenName = (a: Category, b: Category) =>
  a.group.localeCompare(b.group, "vi") || a.name.localeCompare(b.name, "vi");

/** Loại phản ánh: what residents can report, its deadline, its unit and its questions. */
export function CategorySettings() {
  const ft = useFeedbackStaffT();
  const format = useFormat();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const query = useFeedbackCategories();
  const [group, setGroup] = useState<string | undefined>();
  const { dialog, open, show, close } = useDialog<Dialog>();
  const categories = useMemo(() => query.data ?? [], [query.data]);
  const groups = useMemo(
    () => [...new Set(categories.map((c) => c.group))].sort((a, b) => a.localeCompare(b, "vi")),
    [categories],
  );

  const { search, setSearch, rows } = useListFilter(categories, {
    keep: (category) => group === undefined || category.group === group,
    text: (category) => [category.code, category.name, category.group, category.unit.name, category.keywords],
    sort: byGroupThenName,
  });

  function remember(saved: Category) {
    rememberInList(queryClient, queryKeys.feedbackCategories, saved, byGroupThenName);
  }
  const onSaved = useOnSaved(remember);
  const toggle = useActiveToggle<Category>({
    words: ({ name }, active) =>
      active
        ? {
            label: ft("feedback.settings.enable"),
            name: ft("feedback.settings.enableOf", { name }),
            confirm: ft("feedback.settings.enableConfirm", { name }),
            hint: ft("feedback.settings.enableHint"),
            done: ft("feedback.settings.enabled", { name }),
            icon: <CheckCircleOutlined />,
          }
        : {
            label: ft("feedback.settings.disable"),
            name: ft("feedback.settings.disableOf", { name }),
            confirm: ft("feedback.settings.disableConfirm", { name }),
            hint: ft("feedback.settings.disableHint"),
            done: ft("feedback.settings.disabled", { name }),
            icon: <StopOutlined />,
          },
    update: (category, active) => api.editFeedbackCategory(category.id, toggledBody(category, active)),
    remember,
  });

  const actions = (category: Category) => (
    <RowActions
      isPhone={isPhone}
      menuName={ft("feedback.settings.actionsOf", { name: category.name })}
      actions={[
        {
          key: "edit",
          label: ft("feedback.settings.edit"),
          name: ft("feedback.settings.editOf", { name: category.name }),
          onClick: () => show({ kind: "edit", category }),
        },
        toggle(category),
      ]}
    />
  );

  const columns: TableColumnsType<Category> = [
    {
      title: ft("feedback.settings.code"),
      dataIndex: "code",
      width: 150,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: ft("feedback.settings.name"),
      dataIndex: "name",
      render: (name: string, c) => (
        <div className="staff-unit-cell">
          <strong>{name}</strong>
          {c.description && <Typography.Text type="secondary">{c.description}</Typography.Text>}
        </div>
      ),
    },
    { title: ft("feedback.settings.group"), dataIndex: "group", width: 110 },
    {
      title: ft("feedback.settings.sla"),
      dataIndex: "slaDays",
      width: 100,
      render: (days: number) => ft("feedback.settings.slaValue", { days: format.number(days, 0) }),
    },
    {
      title: ft("feedback.settings.unit"),
      key: "unit",
      width: 140,
      render: (_: unknown, c) => (
        <div className="staff-unit-cell">
          <ShortUnit unit={c.unit} />
          {c.routes.length > 0 && (
            <Typography.Text type="secondary">
              {ft("feedback.settings.routesCount", { count: c.routes.length })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: ft("feedback.settings.questions"),
      key: "questions",
      width: 80,
      align: "right",
      render: (_: unknown, c) => format.number(c.questions.length, 0),
    },
    {
      title: ft("feedback.settings.status"),
      key: "status",
      width: 120,
      render: (_: unknown, c) => (
        <span>
          {c.active ? (
            <Tag color="green" className="fb-status">
              {ft("feedback.settings.active")}
            </Tag>
          ) : (
            <Tag icon={<StopOutlined />}>{ft("feedback.settings.inactive")}</Tag>
          )}
          {c.sensitive && (
            <Tag color="gold" className="fb-status">
              {ft("feedback.sensitive")}
            </Tag>
          )}
        </span>
      ),
    },
    actionsColumn<Category>({ title: ft("feedback.settings.actions"), isPhone, fixedOnPhone: true, render: actions }),
  ];

  return (
    <AdminListPage<Category>
      title={ft("feedback.settings.categories")}
      countText={(count) => ft("feedback.settings.categoryCount", { count })}
      create={{
        label: ft("feedback.settings.createCategory"),
        icon: <PlusOutlined />,
        onClick: () => show({ kind: "create" }),
      }}
      search={{
        label: ft("feedback.settings.searchCategories"),
        placeholder: ft("feedback.settings.searchCategoriesPlaceholder"),
        value: search,
        onChange: setSearch,
      }}
      filters={
        <Select<string>
          allowClear
          virtual={false}
          aria-label={ft("feedback.settings.filterGroup")}
          placeholder={ft("feedback.settings.filterGroup")}
          value={group}
          onChange={(value?: string) => setGroup(value)}
          options={groups.map((g) => ({ value: g, label: g }))}
        />
      }
      query={query}
      rows={rows}
      columns={columns}
      scroll={{ x: 1050 }}
      emptyText={ft("feedback.settings.noCategories")}
    >
      {dialog && (
        <CategoryModal
          key={dialog.kind === "edit" ? dialog.category.id : "create"}
          open={open}
          category={dialog.kind === "edit" ? dialog.category : undefined}
          groups={groups}
          onClose={close}
          onSaved={onSaved((saved) =>
            ft(dialog.kind === "edit" ? "feedback.settings.categorySaved" : "feedback.settings.categoryCreated", {
              name: saved.name,
            }),
          )}
        />
      )}
    </AdminListPage>
  );
}

/**
 * A category's form: its facts, the questions residents answer (each a fieldset, with its choices
 * for a list), and the residential groups where another unit handles it.
 */
function CategoryModal({
  open,
  category,
  groups,
  onClose,
  onSaved,
}: RecordDialogProps<Category> & { category: Category | undefined; groups: string[] }) {
  const { t } = useI18n();
  const ft = useFeedbackStaffT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CategoryValues>();
  const { error, setError, saving, parse, run } = useNestedFormSave<CategoryValues, SaveCategory>({
    form,
    schema: saveCategorySchema,
    map: categoryField,
  });
  const units = useUnits();
  const tasks = useQuery({
    queryKey: queryKeys.tasks({}),
    queryFn: () => api.tasks({}),
    enabled: open,
    staleTime: 60_000,
  });
  const indicators = useQuery({ queryKey: queryKeys.indicators, queryFn: api.indicators, enabled: open });

  useEffect(() => {
    if (open) setError(undefined);
  }, [open, setError]);

  const unitOptions = assignableUnits(units.data, [category?.unit.id]).map((u) => ({ value: u.id, label: u.name }));
  const groupOptions = residentialGroups(units.data).map((u) => ({ value: u.id, label: u.name }));

  async function submit() {
    const values = form.getFieldsValue(true) as CategoryValues;
    const body = parse(valuesToBody(values));
    if (body === undefined) return;
    await run(
      async () => {
        const saved = category
          ? await api.editFeedbackCategory(category.id, { ...body, version: category.version })
          : await api.createFeedbackCategory(body);
        onSaved(saved);
        onClose();
      },
      (cause) => {
        if (cause instanceof ApiError && cause.code === "CONFLICT")
          void queryClient.invalidateQueries({ queryKey: queryKeys.feedbackCategories });
      },
    );
  }

  return (
    <Modal
      open={open}
      width={880}
      title={
        category
          ? ft("feedback.settings.editCategory", { name: category.name })
          : ft("feedback.settings.createCategory")
      }
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<CategoryValues>
        form={form}
        layout="vertical"
        initialValues={category ? categoryToValues(category) : NEW_CATEGORY_VALUES}
        onFinish={() => void submit()}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              label={ft("feedback.settings.code")}
              name="code"
              extra={ft("feedback.settings.codeHint")}
              rules={[{ required: true, whitespace: true, message: ft("feedback.settings.codeRequired") }]}
            >
              <Input maxLength={40} autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              label={ft("feedback.settings.name")}
              name="name"
              rules={[{ required: true, whitespace: true, message: ft("feedback.settings.nameRequired") }]}
            >
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={ft("feedback.settings.group")}
              name="group"
              rules={[{ required: true, whitespace: true, message: ft("feedback.settings.groupRequired") }]}
            >
              <AutoComplete options={groups.map((g) => ({ value: g }))} maxLength={80} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              label={ft("feedback.settings.sla")}
              name="slaDays"
              extra={ft("feedback.settings.slaHint")}
              rules={[{ required: true, message: ft("feedback.settings.slaRequired") }]}
            >
              <InputNumber min={1} max={90} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={ft("feedback.settings.unit")}
              name="unitId"
              rules={[{ required: true, message: ft("feedback.settings.unitRequired") }]}
            >
              <Select<string> showSearch={{ optionFilterProp: "label" }} virtual={false} options={unitOptions} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              label={ft("feedback.settings.description")}
              name="description"
              extra={ft("feedback.settings.descriptionHint")}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={ft("feedback.settings.task")} name="taskId" extra={ft("feedback.settings.taskHint")}>
              <Select<string>
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                loading={tasks.isPending}
                options={(tasks.data?.tasks ?? []).map((task) => ({
                  value: task.id,
                  label: `${task.ref} ${task.title}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={ft("feedback.settings.indicator")}
              name="indicatorId"
              extra={ft("feedback.settings.indicatorHint")}
            >
              <Select<string>
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                virtual={false}
                loading={indicators.isPending}
                options={(indicators.data ?? []).map((i) => ({ value: i.id, label: `${i.code} — ${i.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={ft("feedback.settings.keywords")}
              name="keywords"
              extra={ft("feedback.settings.keywordsHint")}
            >
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="sensitive"
              valuePropName="checked"
              extra={ft("feedback.sensitiveHint")}
              style={{ marginBottom: 4 }}
            >
              <Checkbox>{ft("feedback.settings.sensitive")}</Checkbox>
            </Form.Item>
            <Form.Item name="active" valuePropName="checked">
              <Checkbox>{ft("feedback.settings.activeCheckbox")}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <QuestionsEditor />
        <RoutesEditor unitOptions={unitOptions} groupOptions={groupOptions} />
      </Form>
    </Modal>
  );
}

/** Câu hỏi thêm (Open311 attributes): each question a fieldset; a list question has its choices. */
function QuestionsEditor() {
  const ft = useFeedbackStaffT();
  const form = Form.useFormInstance<CategoryValues>();
  return (
    <fieldset className="fb-fieldset">
      <legend>{ft("feedback.settings.questionsTitle")}</legend>
      <Typography.Paragraph type="secondary">{ft("feedback.settings.questionsHint")}</Typography.Paragraph>
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <fieldset key={field.key} className="fb-fieldset">
                <legend>{ft("feedback.settings.questionN", { n: index + 1 })}</legend>
                <Row gutter={8}>
                  <Col xs={24} md={14}>
                    <Form.Item
                      label={ft("feedback.settings.questionLabel")}
                      name={[field.name, "label"]}
                      rules={[
                        { required: true, whitespace: true, message: ft("feedback.settings.questionLabelRequired") },
                      ]}
                    >
                      <Input
                        maxLength={200}
                        onBlur={(e) => {
                          const path: ["questions", number, "code"] = ["questions", field.name, "code"];
                          if (!form.getFieldValue(path)) form.setFieldValue(path, suggestQuestionCode(e.target.value));
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item
                      label={ft("feedback.settings.questionCode")}
                      name={[field.name, "code"]}
                      rules={[
                        { required: true, whitespace: true, message: ft("feedback.settings.questionCodeRequired") },
                      ]}
                    >
                      <Input maxLength={40} autoComplete="off" spellCheck={false} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={10}>
                    <Form.Item
                      label={ft("feedback.settings.questionType")}
                      name={[field.name, "datatype"]}
                      rules={[{ required: true, message: ft("feedback.settings.questionTypeRequired") }]}
                    >
                      <Select
                        virtual={false}
                        options={DATATYPES.map((d) => ({ value: d, label: ft(`feedback.datatype.${d}`) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={14}>
                    <Form.Item label={ft("feedback.settings.questionHint")} name={[field.name, "hint"]}>
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item noStyle dependencies={[["questions", field.name, "datatype"]]}>
                  {({ getFieldValue }) => {
                    const datatype = getFieldValue(["questions", field.name, "datatype"]) as
                      CategoryQuestion["datatype"] | undefined;
                    return datatype && LIST_DATATYPES.includes(datatype) ? (
                      <ChoicesEditor question={field.name} />
                    ) : null;
                  }}
                </Form.Item>
                <div
                  style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 8 }}
                >
                  <Form.Item name={[field.name, "required"]} valuePropName="checked" noStyle>
                    <Checkbox>{ft("feedback.settings.questionRequired")}</Checkbox>
                  </Form.Item>
                  <Button danger type="link" icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                    {ft("feedback.settings.removeQuestion", { n: index + 1 })}
                  </Button>
                </div>
              </fieldset>
            ))}
            <Button
              icon={<PlusOutlined />}
              disabled={fields.length >= MAX_QUESTIONS}
              onClick={() => add({ datatype: "singlevaluelist", required: false, hint: "", values: [] })}
              style={{ marginBottom: 12 }}
            >
              {ft("feedback.settings.addQuestion")}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

function ChoicesEditor({ question }: { question: number }) {
  const ft = useFeedbackStaffT();
  const form = Form.useFormInstance<CategoryValues>();
  return (
    <Form.List name={[question, "values"]}>
      {(fields, { add, remove }) => (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text strong>{ft("feedback.settings.choices")}</Typography.Text>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top" style={{ marginTop: 6 }}>
              <Col flex="1 1 200px">
                <Form.Item
                  name={[field.name, "name"]}
                  style={{ marginBottom: 0 }}
                  rules={[{ required: true, whitespace: true, message: ft("feedback.settings.choiceNameRequired") }]}
                >
                  <Input
                    aria-label={ft("feedback.settings.choiceName", { n: index + 1 })}
                    placeholder={ft("feedback.settings.choiceNamePlaceholder")}
                    maxLength={100}
                    onBlur={(e) => {
                      const path: ["questions", number, "values", number, "key"] = [
                        "questions",
                        question,
                        "values",
                        field.name,
                        "key",
                      ];
                      if (!form.getFieldValue(path)) form.setFieldValue(path, suggestValueKey(e.target.value));
                    }}
                  />
                </Form.Item>
              </Col>
              <Col flex="0 1 160px">
                <Form.Item
                  name={[field.name, "key"]}
                  style={{ marginBottom: 0 }}
                  rules={[{ required: true, whitespace: true, message: ft("feedback.settings.choiceKeyRequired") }]}
                >
                  <Input
                    aria-label={ft("feedback.settings.choiceKey", { n: index + 1 })}
                    placeholder={ft("feedback.settings.choiceKeyPlaceholder")}
                    maxLength={40}
                    spellCheck={false}
                  />
                </Form.Item>
              </Col>
              <Col flex="none">
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={ft("feedback.settings.removeChoice", { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 6 }}>
            {ft("feedback.settings.addChoice")}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** Phân công theo địa bàn: in these residential groups, another unit than the category's handles it. */
function RoutesEditor({
  unitOptions,
  groupOptions,
}: {
  unitOptions: { value: string; label: string }[];
  groupOptions: { value: string; label: string }[];
}) {
  const ft = useFeedbackStaffT();
  return (
    <fieldset className="fb-fieldset">
      <legend>{ft("feedback.settings.routesTitle")}</legend>
      <Typography.Paragraph type="secondary">{ft("feedback.settings.routesHint")}</Typography.Paragraph>
      <Form.List name="routes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Row key={field.key} gutter={8} align="top" style={{ marginBottom: 8 }}>
                <Col flex="1 1 200px">
                  <Form.Item name={[field.name, "residentialGroupId"]} style={{ marginBottom: 0 }}>
                    <Select<string>
                      showSearch={{ optionFilterProp: "label" }}
                      virtual={false}
                      aria-label={ft("feedback.settings.routeGroup", { n: index + 1 })}
                      placeholder={ft("feedback.residentialGroup")}
                      options={groupOptions}
                    />
                  </Form.Item>
                </Col>
                <Col flex="1 1 240px">
                  <Form.Item name={[field.name, "unitId"]} style={{ marginBottom: 0 }}>
                    <Select<string>
                      showSearch={{ optionFilterProp: "label" }}
                      virtual={false}
                      aria-label={ft("feedback.settings.routeUnit", { n: index + 1 })}
                      placeholder={ft("feedback.settings.unit")}
                      options={unitOptions}
                    />
                  </Form.Item>
                </Col>
                <Col flex="none">
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={ft("feedback.settings.removeRoute", { n: index + 1 })}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
              {ft("feedback.settings.addRoute")}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
