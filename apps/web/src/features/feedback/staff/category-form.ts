import { editCategorySchema, foldVietnamese, type Category, type CategoryQuestion } from "@phuong-xanh/shared";
import type { EditFeedbackCategory } from "../../../lib/endpoints";
import type { NamePath } from "../../reporting/form-paths";

/**
 * A category as the settings form holds it, and back: the form keeps every field (empty strings,
 * empty choice lists), the body sends only what the schema takes.
 */

export type QuestionValues = {
  code?: string;
  label?: string;
  datatype?: CategoryQuestion["datatype"];
  required?: boolean;
  hint?: string;
  values?: { key?: string; name?: string }[];
};

export type CategoryValues = {
  code?: string;
  name?: string;
  group?: string;
  description?: string;
  keywords?: string;
  slaDays?: number | null;
  unitId?: string;
  taskId?: string | null;
  indicatorId?: string | null;
  sensitive?: boolean;
  active?: boolean;
  questions?: QuestionValues[];
  routes?: { residentialGroupId?: string; unitId?: string }[];
};

/** Questions whose answer is picked from a list: only they keep their choices. */
export const LIST_DATATYPES: readonly CategoryQuestion["datatype"][] = ["singlevaluelist", "multivaluelist"];

export const NEW_CATEGORY_VALUES: CategoryValues = {
  description: "",
  keywords: "",
  slaDays: 5,
  sensitive: false,
  active: true,
  questions: [],
  routes: [],
};

export function categoryToValues(category: Category): CategoryValues {
  return {
    code: category.code,
    name: category.name,
    group: category.group,
    description: category.description,
    keywords: category.keywords,
    slaDays: category.slaDays,
    unitId: category.unit.id,
    taskId: category.task?.id ?? null,
    indicatorId: category.indicator?.id ?? null,
    sensitive: category.sensitive,
    active: category.active,
    questions: category.questions.map((question) => ({
      code: question.code,
      label: question.label,
      datatype: question.datatype,
      required: question.required,
      hint: question.hint ?? "",
      values: question.values?.map((value) => ({ key: value.key, name: value.name })) ?? [],
    })),
    routes: category.routes.map((route) => ({ residentialGroupId: route.residentialGroup.id, unitId: route.unit.id })),
  };
}

const trimmed = (text: string | undefined) => (text ?? "").trim();

function questionBody(question: QuestionValues): Record<string, unknown> {
  const hint = trimmed(question.hint);
  const isList = question.datatype !== undefined && LIST_DATATYPES.includes(question.datatype);
  return {
    code: trimmed(question.code),
    label: trimmed(question.label),
    datatype: question.datatype,
    required: question.required ?? false,
    ...(hint ? { hint } : {}),
    ...(isList
      ? { values: (question.values ?? []).map((value) => ({ key: trimmed(value.key), name: trimmed(value.name) })) }
      : {}),
  };
}

/** The body for `saveCategorySchema`, unchecked: the schema says what is wrong, on its field. */
export function valuesToBody(values: CategoryValues): Record<string, unknown> {
  return {
    code: trimmed(values.code),
    name: trimmed(values.name),
    group: trimmed(values.group),
    description: trimmed(values.description),
    keywords: trimmed(values.keywords),
    questions: (values.questions ?? []).map(questionBody),
    slaDays: values.slaDays ?? Number.NaN,
    unitId: values.unitId ?? "",
    taskId: values.taskId ?? null,
    indicatorId: values.indicatorId ?? null,
    sensitive: values.sensitive ?? false,
    active: values.active ?? true,
    // A row left half-filled is dropped rather than refused: the officer added it and changed their mind.
    routes: (values.routes ?? [])
      .filter((route) => route.residentialGroupId && route.unitId)
      .map((route) => ({ residentialGroupId: route.residentialGroupId ?? "", unitId: route.unitId ?? "" })),
  };
}

/** The whole category as an edit, `active` switched: what the row's "Ngừng dùng" / "Dùng lại" sends. */
export function toggledBody(category: Category, active: boolean): EditFeedbackCategory {
  return editCategorySchema.parse({
    ...valuesToBody({ ...categoryToValues(category), active }),
    version: category.version,
  });
}

/** A question's code from its wording: "Có đang cháy không?" → "co_dang_chay_khong". */
export function suggestQuestionCode(label: string): string {
  const code = foldVietnamese(label)
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^[^a-z]+/, "")
    .slice(0, 40)
    .replace(/_+$/, "");
  return code;
}

/** A choice's key from its name: "Đang cháy" → "dang_chay". */
export function suggestValueKey(name: string): string {
  return foldVietnamese(name)
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+/, "")
    .slice(0, 40)
    .replace(/_+$/, "");
}

const TOP_FIELDS = new Set([
  "code",
  "name",
  "group",
  "description",
  "keywords",
  "slaDays",
  "unitId",
  "taskId",
  "indicatorId",
  "sensitive",
  "active",
]);
const QUESTION_FIELDS = new Set(["code", "label", "datatype", "required", "hint"]);
const ROUTE_FIELDS = new Set(["residentialGroupId", "unitId"]);

/**
 * The form's field for a path of the body (schema issue or server detail): the same shape, since
 * the form holds the lists as the body does. A message about a whole list or a whole question
 * (`questions`, `routes.3`) has no field: it shows above the form.
 */
export function categoryField(path: NamePath): NamePath | undefined {
  const [field, index, leaf, valueIndex, valueLeaf] = path;
  if (typeof field !== "string") return undefined;
  if (path.length === 1) return TOP_FIELDS.has(field) ? [field] : undefined;
  if (typeof index !== "number" || typeof leaf !== "string") return undefined;
  if (field === "routes" && path.length === 3 && ROUTE_FIELDS.has(leaf)) return [field, index, leaf];
  if (field !== "questions") return undefined;
  if (path.length === 3 && QUESTION_FIELDS.has(leaf)) return [field, index, leaf];
  if (
    leaf === "values" &&
    path.length === 5 &&
    typeof valueIndex === "number" &&
    (valueLeaf === "key" || valueLeaf === "name")
  )
    return [field, index, leaf, valueIndex, valueLeaf];
  return undefined;
}
