import type { Bilingual, OpenDataDataset, OpenDataField, OpenDataFormat } from "@phuong-xanh/shared";

/**
 * The data dictionary (từ điển dữ liệu): every column of every open dataset. The files are
 * written from these lists, so a column cannot exist without its entry here.
 */
export type DatasetDefinition = {
  name: OpenDataDataset;
  title: Bilingual;
  description: Bilingual;
  fields: OpenDataField[];
};

/** When these definitions last changed: bump it with any change of a field (dictionary's "last updated"). */
export const DICTIONARY_REVISED = "2026-12-02";

const field = (
  name: string,
  type: OpenDataField["type"],
  vi: string,
  en: string,
  unit: string | null = null,
): OpenDataField => ({ name, type, description: { vi, en }, unit });

const STATUS_CODES =
  "on_track (đúng tiến độ), at_risk (có nguy cơ), off_track (chậm tiến độ), achieved (đã đạt), no_data (chưa có số liệu), no_baseline (chưa có số liệu gốc)";
const STATUS_CODES_EN =
  "on_track, at_risk, off_track, achieved, no_data (no measurement yet), no_baseline (no baseline yet)";

export const INDICATORS: DatasetDefinition = {
  name: "indicators",
  title: { vi: "Chỉ tiêu", en: "Indicators" },
  description: {
    vi: "Các chỉ tiêu đo lường được của kế hoạch (mục II.2): số liệu gốc, mục tiêu, đơn vị chủ trì, giá trị mới nhất của toàn phường và tình trạng so với lộ trình.",
    en: "The plan's measurable targets (section II.2): baseline, target, owner unit, the ward's latest value and its status against the trajectory.",
  },
  fields: [
    field(
      "code",
      "string",
      "Mã chỉ tiêu (ổn định, dùng để nối với bảng số liệu)",
      "Indicator code (stable; joins the measurements)",
    ),
    field("ref", "string", "Số hiệu trong văn bản kế hoạch", "Reference in the plan document"),
    field("name", "string", "Tên chỉ tiêu", "Indicator name"),
    field(
      "objective_code",
      "string",
      "Mã mục tiêu cụ thể mà chỉ tiêu thuộc về",
      "Code of the objective the indicator belongs to",
    ),
    field("unit_of_measure", "string", "Đơn vị tính của các giá trị", "Unit of the values"),
    field(
      "direction",
      "string",
      "Hướng mục tiêu: increase (tăng lên), decrease (giảm xuống), maintain (duy trì)",
      "Target direction: increase, decrease or maintain",
    ),
    field("baseline_value", "number", "Số liệu gốc (theo đơn vị tính)", "Baseline value (in unit_of_measure)"),
    field("baseline_year", "integer", "Năm của số liệu gốc", "Year of the baseline", "năm"),
    field("target_value", "number", "Giá trị mục tiêu (theo đơn vị tính)", "Target value (in unit_of_measure)"),
    field("target_year", "integer", "Năm phải đạt mục tiêu", "Year the target is due", "năm"),
    field(
      "frequency",
      "string",
      "Kỳ đo: monthly, quarterly, semiannual, yearly",
      "Measurement frequency: monthly, quarterly, semiannual, yearly",
    ),
    field("owner_unit_code", "string", "Mã đơn vị chủ trì", "Code of the owner unit"),
    field("owner_unit_name", "string", "Tên đơn vị chủ trì", "Name of the owner unit"),
    field("status", "string", `Tình trạng: ${STATUS_CODES}`, `Status: ${STATUS_CODES_EN}`),
    field(
      "status_label",
      "string",
      "Tình trạng bằng lời (theo ngôn ngữ yêu cầu)",
      "Status in words (in the requested language)",
    ),
    field(
      "latest_period",
      "string",
      "Kỳ của giá trị mới nhất (2026, 2026-H1, 2026-Q2, 2026-05)",
      "Period of the latest value (2026, 2026-H1, 2026-Q2, 2026-05)",
    ),
    field("latest_period_end", "date", "Ngày cuối kỳ của giá trị mới nhất", "Last day of the latest value's period"),
    field(
      "latest_value",
      "number",
      "Giá trị mới nhất của toàn phường (theo đơn vị tính)",
      "Latest value for the whole ward (in unit_of_measure)",
    ),
  ],
};

export const MEASUREMENTS: DatasetDefinition = {
  name: "measurements",
  title: { vi: "Số liệu theo kỳ", en: "Measurements" },
  description: {
    vi: "Mọi số liệu đã nhập của các chỉ tiêu, theo kỳ, cho toàn phường hoặc từng tổ dân phố — không bao giờ theo từng người, không ghi người nhập.",
    en: "Every recorded value of the indicators, by period, for the whole ward or one residential group — never per person, never who recorded it.",
  },
  fields: [
    field("indicator_code", "string", "Mã chỉ tiêu (xem bảng chỉ tiêu)", "Indicator code (see the indicators dataset)"),
    field(
      "period",
      "string",
      "Kỳ số liệu (2026, 2026-H1, 2026-Q2, 2026-05)",
      "Period (2026, 2026-H1, 2026-Q2, 2026-05)",
    ),
    field("period_end", "date", "Ngày cuối kỳ", "Last day of the period"),
    field(
      "residential_group_code",
      "string",
      "Mã tổ dân phố; để trống: số liệu của toàn phường",
      "Residential group code; empty: a value for the whole ward",
    ),
    field(
      "residential_group_name",
      "string",
      "Tên tổ dân phố; để trống: toàn phường",
      "Residential group name; empty: the whole ward",
    ),
    field("value", "number", "Giá trị (theo đơn vị tính của chỉ tiêu)", "Value (in the indicator's unit_of_measure)"),
    field(
      "numerator",
      "number",
      "Tử số, khi chỉ tiêu là tỷ lệ (ví dụ số hộ đã phân loại rác)",
      "Numerator, when the indicator is a ratio (e.g. households sorting waste)",
    ),
    field(
      "denominator",
      "number",
      "Mẫu số, khi chỉ tiêu là tỷ lệ (ví dụ tổng số hộ)",
      "Denominator, when the indicator is a ratio (e.g. all households)",
    ),
    field(
      "source",
      "string",
      "Nguồn số liệu do đơn vị ghi (báo cáo, biên bản…)",
      "Source of the value as the unit wrote it (report, minutes…)",
    ),
  ],
};

export const TASKS: DatasetDefinition = {
  name: "tasks",
  title: { vi: "Nhiệm vụ", en: "Tasks" },
  description: {
    vi: "Nhiệm vụ, giải pháp (mục III) và nhiệm vụ của các đơn vị (mục V): đơn vị chủ trì, phối hợp, thời hạn, trạng thái và tiến độ.",
    en: "Tasks and solutions (section III) and the units' duties (section V): owner and coordinating units, deadline, status and progress.",
  },
  fields: [
    field("code", "string", "Mã nhiệm vụ (ổn định)", "Task code (stable)"),
    field("ref", "string", "Số hiệu trong văn bản kế hoạch", "Reference in the plan document"),
    field(
      "kind",
      "string",
      "Loại: group (nhóm nhiệm vụ), task (nhiệm vụ), duty (nhiệm vụ của đơn vị), movement (phong trào)",
      "Kind: group, task, duty (a unit's duty) or movement",
    ),
    field(
      "section",
      "string",
      "Mục của kế hoạch: III (nhiệm vụ, giải pháp) hoặc V (tổ chức thực hiện)",
      "Section of the plan: III (tasks) or V (implementation)",
    ),
    field(
      "group_code",
      "string",
      "Mã nhóm (lĩnh vực iii-1…iii-6 hoặc nhóm đơn vị v-1…v-7); để trống ở chính dòng nhóm",
      "Group code (sector iii-1…iii-6 or unit group v-1…v-7); empty on the group's own row",
    ),
    field(
      "parent_code",
      "string",
      "Mã nhiệm vụ cấp trên; để trống ở dòng nhóm",
      "Code of the parent task; empty on a group's row",
    ),
    field("title", "string", "Tên nhiệm vụ", "Task title"),
    field("owner_unit_code", "string", "Mã đơn vị chủ trì", "Code of the owner unit"),
    field("owner_unit_name", "string", "Tên đơn vị chủ trì", "Name of the owner unit"),
    field(
      "coordinators",
      "string",
      "Các đơn vị phối hợp, cách nhau bởi dấu chấm phẩy",
      "Coordinating units, separated by semicolons",
    ),
    field(
      "recurrence",
      "string",
      "Tính chất: none (một lần), continuous (thường xuyên), monthly, quarterly, semiannual, yearly",
      "Recurrence: none (one-off), continuous, monthly, quarterly, semiannual, yearly",
    ),
    field(
      "deadline",
      "date",
      "Thời hạn; để trống: thường xuyên hoặc chưa có",
      "Deadline; empty: continuous or none yet",
    ),
    field("status", "string", "Mã trạng thái do phường đặt", "Status code, as the ward defines its statuses"),
    field(
      "status_label",
      "string",
      "Trạng thái bằng lời (theo ngôn ngữ yêu cầu)",
      "Status in words (in the requested language)",
    ),
    field(
      "progress",
      "integer",
      "Tiến độ hoàn thành; nhóm: bình quân của các nhiệm vụ con",
      "Completion; a group: the average of its children",
      "%",
    ),
    field(
      "timeliness",
      "string",
      "Đúng hạn hay không: overdue (trễ hạn), due_soon (sắp đến hạn), update_due (đến kỳ cập nhật), on_time (đúng hạn), closed (đã đóng)",
      "Timeliness: overdue, due_soon, update_due (an update is due), on_time, closed",
    ),
    field("timeliness_label", "string", "Đúng hạn hay không, bằng lời", "Timeliness in words"),
  ],
};

export const DATASETS: DatasetDefinition[] = [INDICATORS, MEASUREMENTS, TASKS];

export const FORMATS: { format: OpenDataFormat; mediaType: string; notes: Bilingual }[] = [
  {
    format: "csv",
    mediaType: "text/csv; charset=utf-8",
    notes: {
      vi: "UTF-8 có BOM (Excel mở đúng tiếng Việt); dòng đầu là tên cột như trong từ điển, sau đó chỉ có dữ liệu. Giấy phép và thời điểm cập nhật nằm ở danh mục dữ liệu và ở tiêu đề HTTP Last-Modified. Ô văn bản bắt đầu bằng = + - @ được thêm dấu ' ở đầu để bảng tính không chạy như công thức.",
      en: "UTF-8 with a BOM (so Excel reads Vietnamese); the first line holds the column names of this dictionary, then only data. The licence and last update are in the catalogue and in the HTTP Last-Modified header. Text cells starting with = + - @ get a leading ' so that spreadsheets do not run them as formulas.",
    },
  },
  {
    format: "json",
    mediaType: "application/json",
    notes: {
      vi: "Đối tượng { meta, rows }: meta có giấy phép (licence), nguồn (source), thời điểm cập nhật (lastUpdated) và phường (ward); rows là các dòng với khóa là tên cột trong từ điển.",
      en: "An object { meta, rows }: meta holds the licence, source, lastUpdated and ward; rows are the records keyed by this dictionary's column names.",
    },
  },
  {
    format: "xlsx",
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    notes: {
      vi: 'Trang tính thứ nhất là dữ liệu (cột như trong từ điển); trang "Thông tin" ghi giấy phép, nguồn và thời điểm cập nhật. Cũng có tiêu đề HTTP Last-Modified.',
      en: 'The first sheet holds the data (columns as in this dictionary); the "Thông tin" sheet gives the licence, source and last update. The HTTP Last-Modified header is set too.',
    },
  },
];
