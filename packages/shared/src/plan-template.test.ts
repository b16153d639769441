import { readFileSync } from "node:fs";
import { describe, it, expect } from "vitest";
import { planTemplateSchema, type PlanTemplate, type TemplateTask } from "./plan-template.js";

/**
 * The seed plan (seed/viet-hoa-plan.json) checked against the document it was made from
 * (seed/source/viet-hoa-ke-hoach.txt, a byte-for-byte copy of the ward's Kế hoạch).
 * The document is parsed here on its own, without looking at the JSON, so a bullet dropped,
 * reworded or moved in the seed makes a test fail.
 */

const seedUrl = new URL("../../../seed/viet-hoa-plan.json", import.meta.url);
const documentUrl = new URL("../../../seed/source/viet-hoa-ke-hoach.txt", import.meta.url);

/** Collapse the line breaks and blank lines the PDF extraction left inside sentences. */
function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

type DocBullet = { text: string; children: string[] };
type DocObjective = { n: number; area: string; text: string };
type DocSubsection = {
  n: number;
  heading: string;
  paragraphs: string[];
  bullets: DocBullet[];
  objectives: DocObjective[];
};
type DocSection = { numeral: string; heading: string; paragraphs: string[]; subsections: DocSubsection[] };
type ParsedDocument = { preamble: string[]; sections: Map<string, DocSection>; closing: string; fullText: string };

const sectionHeading = /^(I|II|III|IV|V)\. (.+)$/;
const subsectionHeading = /^(\d+)\. (.+)$/;
const objectiveLine = /^\((\d+)\) (.+)$/;

/**
 * Reads the document as a ward officer would: roman-numeral sections, numbered subsections,
 * "- " bullets, "+ " sub-items and "(1)".."(5)" objectives. A line that is none of these and
 * follows a bullet is the rest of that bullet (the extraction split it); the plan ends at
 * "Trên đây là Kế hoạch…".
 */
function parseDocument(raw: string): ParsedDocument {
  const lines = raw
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const preamble: string[] = [];
  const sections = new Map<string, DocSection>();
  let section: DocSection | undefined;
  let subsection: DocSubsection | undefined;
  // The item a continuation line belongs to: a bullet, a "+" sub-item or an objective.
  let append: ((line: string) => void) | undefined;
  let closing = "";

  for (const line of lines) {
    if (line.startsWith("Trên đây là")) {
      closing = line;
      break;
    }
    const sectionMatch = sectionHeading.exec(line);
    if (sectionMatch?.[1] !== undefined && sectionMatch[2] !== undefined) {
      section = { numeral: sectionMatch[1], heading: sectionMatch[2], paragraphs: [], subsections: [] };
      sections.set(section.numeral, section);
      subsection = undefined;
      append = undefined;
      continue;
    }
    if (section === undefined) {
      preamble.push(line);
      continue;
    }
    const subsectionMatch = subsectionHeading.exec(line);
    if (subsectionMatch?.[1] !== undefined && subsectionMatch[2] !== undefined) {
      subsection = {
        n: Number(subsectionMatch[1]),
        heading: subsectionMatch[2],
        paragraphs: [],
        bullets: [],
        objectives: [],
      };
      section.subsections.push(subsection);
      append = undefined;
      continue;
    }
    const target = subsection;
    if (target !== undefined && line.startsWith("- ")) {
      const bullet: DocBullet = { text: line.slice(2), children: [] };
      target.bullets.push(bullet);
      append = (more) => {
        bullet.text += ` ${more}`;
      };
      continue;
    }
    const parent = target?.bullets.at(-1);
    if (parent !== undefined && line.startsWith("+ ")) {
      const index = parent.children.push(line.slice(2)) - 1;
      append = (more) => {
        parent.children[index] = `${parent.children[index] ?? ""} ${more}`;
      };
      continue;
    }
    const objectiveMatch = objectiveLine.exec(line);
    if (target !== undefined && objectiveMatch?.[1] !== undefined && objectiveMatch[2] !== undefined) {
      const objective: DocObjective = { n: Number(objectiveMatch[1]), area: "", text: objectiveMatch[2] };
      target.objectives.push(objective);
      append = (more) => {
        objective.text += ` ${more}`;
      };
      continue;
    }
    if (append !== undefined) {
      append(line);
      continue;
    }
    (target?.paragraphs ?? section.paragraphs).push(line);
  }

  for (const current of sections.values()) {
    for (const sub of current.subsections) {
      sub.paragraphs = sub.paragraphs.map(normalise);
      for (const bullet of sub.bullets) {
        bullet.text = normalise(bullet.text);
        // A "+" sub-item ends with the list's ";" (or the final "."), which is punctuation of the list, not of the item.
        bullet.children = bullet.children.map((child) => normalise(child).replace(/[;.]$/, ""));
      }
      for (const objective of sub.objectives) {
        const [area, ...rest] = normalise(objective.text).split(": ");
        objective.area = area ?? "";
        objective.text = rest.join(": ");
      }
    }
    current.paragraphs = current.paragraphs.map(normalise);
  }
  return { preamble, sections, closing: normalise(closing), fullText: normalise(raw) };
}

function requireSection(doc: ParsedDocument, numeral: string): DocSection {
  const section = doc.sections.get(numeral);
  if (section === undefined) throw new Error(`section ${numeral} not found in the document`);
  return section;
}

function requireSubsection(section: DocSection, n: number): DocSubsection {
  const sub = section.subsections.find((candidate) => candidate.n === n);
  if (sub === undefined) throw new Error(`subsection ${section.numeral}.${n} not found in the document`);
  return sub;
}

/** Every task of a list and of its children, depth first. */
function flattenTasks(tasks: TemplateTask[]): TemplateTask[] {
  return tasks.flatMap((task) => [task, ...flattenTasks(task.children ?? [])]);
}

/** Everything in the seed that carries words of the document, with where it says it stands. */
function seedItems(plan: PlanTemplate): { ref: string; text: string }[] {
  return [
    ...plan.purposes,
    ...plan.requirements,
    plan.generalObjective,
    ...plan.objectives.map((objective) => ({ ref: objective.ref, text: objective.text })),
    plan.vision2050,
    ...plan.taskGroups.flatMap((group) => flattenTasks(group.tasks)),
    plan.funding,
    ...plan.unitDuties.flatMap((group) => flattenTasks(group.duties)),
  ].map((item) => ({ ref: item.ref, text: normalise(item.text) }));
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s,;:.()]+/)
    .filter((word) => word.length > 0);
}

const doc = parseDocument(readFileSync(documentUrl, "utf8"));
const rawSeed: unknown = JSON.parse(readFileSync(seedUrl, "utf8"));
const parsed = planTemplateSchema.safeParse(rawSeed);
if (!parsed.success) {
  throw new Error(
    `seed/viet-hoa-plan.json does not match planTemplateSchema:\n${JSON.stringify(parsed.error.issues, null, 2)}`,
  );
}
const plan: PlanTemplate = parsed.data;
const items = seedItems(plan);

/** Asserts the document's item appears as the text of exactly one seed item, and that item has the expected ref. */
function expectExactlyOnce(ref: string, text: string): void {
  const matches = items.filter((item) => item.text === text);
  expect(
    matches.map((item) => item.ref),
    `document item ${ref}: "${text.slice(0, 80)}…"`,
  ).toEqual([ref]);
}

describe("seed/viet-hoa-plan.json", () => {
  it("conforms to planTemplateSchema", () => {
    expect(planTemplateSchema.safeParse(rawSeed).success).toBe(true);
  });

  it("reads the document's structure as the ward wrote it", () => {
    expect([...doc.sections.keys()]).toEqual(["I", "II", "III", "IV", "V"]);
    const objectives = requireSubsection(requireSection(doc, "II"), 2).objectives;
    expect(objectives.map((objective) => objective.n)).toEqual([1, 2, 3, 4, 5]);
    expect(requireSection(doc, "III").subsections.map((sub) => sub.bullets.length)).toEqual([4, 5, 4, 3, 4, 4]);
    expect(requireSection(doc, "V").subsections.map((sub) => sub.bullets.length)).toEqual([8, 10, 10, 8, 6, 7, 7]);
    const movements = requireSubsection(requireSection(doc, "V"), 5).bullets[1]?.children ?? [];
    expect(movements).toHaveLength(5);
    // Lines the extraction split mid-sentence are joined again.
    expect(objectives[0]?.text).toContain("khuyến khích phát triển các mô hình");
    expect(requireSubsection(requireSection(doc, "III"), 5).bullets[0]?.text).toContain("dấu chân carbon");
  });

  it("keeps the heading, basis and closing words of the document", () => {
    const titleIndex = doc.preamble.indexOf("KẾ HOẠCH");
    expect(titleIndex).toBeGreaterThanOrEqual(0);
    expect(plan.title).toBe(doc.preamble[titleIndex + 1]);
    expect(plan.basis).toBe(normalise(doc.preamble[titleIndex + 2] ?? ""));
    expect(`Số: ${plan.documentNumber}`).toBe(doc.preamble[0]);
    expect(plan.closing).toBe(doc.closing);
    expect(plan.signer).toEqual({ authority: "KT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: "Nguyễn Thành Hải" });
  });

  it("has every purpose and requirement of section I, in order", () => {
    const section = requireSection(doc, "I");
    const purposes = requireSubsection(section, 1).bullets.map((bullet) => bullet.text);
    const requirements = requireSubsection(section, 2).bullets.map((bullet) => bullet.text);
    expect(plan.purposes).toEqual(purposes.map((text, i) => ({ ref: `I.1 ý ${i + 1}`, text })));
    expect(plan.requirements).toEqual(requirements.map((text, i) => ({ ref: `I.2 ý ${i + 1}`, text })));
  });

  it("has the general objective, the five 2030 objectives, the 2050 vision and the funding of sections II and IV", () => {
    const section = requireSection(doc, "II");
    expect(plan.generalObjective).toEqual({ ref: "II.1", text: requireSubsection(section, 1).paragraphs.join(" ") });
    expect(plan.vision2050).toEqual({ ref: "II.3", text: requireSubsection(section, 3).paragraphs.join(" ") });
    expect(plan.funding).toEqual({ ref: "IV", text: requireSection(doc, "IV").paragraphs.join(" ") });

    const objectives = requireSubsection(section, 2).objectives;
    expect(plan.objectives).toHaveLength(objectives.length);
    for (const objective of objectives) {
      const ref = `II.2.(${objective.n})`;
      expectExactlyOnce(ref, objective.text);
      const seeded = plan.objectives.find((candidate) => candidate.ref === ref);
      expect(seeded?.area, ref).toBe(objective.area);
      expect(seeded?.code, ref).toBe(`ii-2-${objective.n}`);
    }
  });

  it("has every bullet of section III as a task of its sector group", () => {
    const subsections = requireSection(doc, "III").subsections;
    expect(plan.taskGroups.map((group) => group.ref)).toEqual(subsections.map((sub) => `III.${sub.n}`));
    expect(plan.taskGroups.map((group) => group.sector)).toEqual([
      "transport",
      "industry",
      "energy",
      "construction",
      "agriculture",
      "lifestyle",
    ]);
    for (const sub of subsections) {
      const group = plan.taskGroups.find((candidate) => candidate.ref === `III.${sub.n}`);
      expect(group?.title).toBe(sub.heading);
      expect(group?.tasks.map((task) => task.ref)).toEqual(sub.bullets.map((_, i) => `III.${sub.n} ý ${i + 1}`));
      sub.bullets.forEach((bullet, i) => {
        expectExactlyOnce(`III.${sub.n} ý ${i + 1}`, bullet.text);
      });
    }
  });

  it("has every bullet of section V as a duty of the unit it names, and the five movements of V.5", () => {
    const subsections = requireSection(doc, "V").subsections;
    expect(plan.unitDuties.map((group) => group.ref)).toEqual(subsections.map((sub) => `V.${sub.n}`));
    for (const sub of subsections) {
      const group = plan.unitDuties.find((candidate) => candidate.ref === `V.${sub.n}`);
      expect(group?.title).toBe(sub.heading);
      const unit = plan.units.find((candidate) => candidate.code === group?.unitCode);
      expect(unit && sub.heading.startsWith(unit.name), `V.${sub.n} is owned by the unit its heading names`).toBe(true);
      expect(group?.duties.map((duty) => duty.ref)).toEqual(sub.bullets.map((_, i) => `V.${sub.n} ý ${i + 1}`));
      for (const duty of group?.duties ?? []) expect(duty.ownerUnitCode).toBe(group?.unitCode);
      sub.bullets.forEach((bullet, i) => {
        const ref = `V.${sub.n} ý ${i + 1}`;
        expectExactlyOnce(ref, bullet.text);
        bullet.children.forEach((child, j) => {
          expectExactlyOnce(`${ref} +${j + 1}`, child);
        });
        const seeded = group?.duties.find((duty) => duty.ref === ref);
        expect(seeded?.children?.length ?? 0, ref).toBe(bullet.children.length);
      });
    }

    const movements =
      plan.unitDuties.find((group) => group.ref === "V.5")?.duties.find((duty) => duty.ref === "V.5 ý 2")?.children ??
      [];
    expect(movements).toHaveLength(5);
    for (const movement of movements) {
      const owner = plan.units.find((unit) => unit.code === movement.ownerUnitCode);
      expect(owner?.name, movement.ref).toBe(movement.text.split(":")[0]);
    }
    expect(movements.map((movement) => movement.ownerUnitCode)).toEqual([
      "mttq",
      "hoi-phu-nu",
      "doan-thanh-nien",
      "hoi-nong-dan",
      "hoi-cuu-chien-binh",
    ]);
  });

  it("makes periodic-report duties quarterly and standing ones continuous", () => {
    const duties = plan.unitDuties.flatMap((group) => flattenTasks(group.duties));
    for (const duty of duties) {
      if (/định kỳ/i.test(duty.text)) expect(duty.recurrence, duty.ref).toBe("quarterly");
      if (/thường xuyên/i.test(duty.text)) expect(duty.recurrence, duty.ref).toBe("continuous");
    }
  });

  it("gives every task and duty a short title made of its own words", () => {
    const tasks = [
      ...plan.taskGroups.flatMap((group) => flattenTasks(group.tasks)),
      ...plan.unitDuties.flatMap((group) => flattenTasks(group.duties)),
    ];
    for (const task of tasks) {
      expect(task.title.length, task.ref).toBeLessThanOrEqual(120);
      const textWords = new Set(words(task.text));
      expect(
        words(task.title).filter((word) => !textWords.has(word)),
        `${task.ref} title has words not in its text`,
      ).toEqual([]);
      expect(task.output.length, task.ref).toBeGreaterThan(0);
    }
  });

  it("refers only to units it lists, and uses each code once", () => {
    const unitCodes = new Set(plan.units.map((unit) => unit.code));
    const tasks = [
      ...plan.taskGroups.flatMap((group) => flattenTasks(group.tasks)),
      ...plan.unitDuties.flatMap((group) => flattenTasks(group.duties)),
    ];
    const indicators = plan.objectives.flatMap((objective) => objective.indicators);
    const referenced = [
      ...plan.taskGroups.map((group) => group.ownerUnitCode),
      ...plan.unitDuties.map((group) => group.unitCode),
      ...tasks.flatMap((task) => [task.ownerUnitCode, ...task.coordinatingUnitCodes]),
      ...indicators.map((indicator) => indicator.ownerUnitCode),
      ...plan.units.flatMap((unit) => (unit.parentCode === undefined ? [] : [unit.parentCode])),
    ];
    expect(referenced.filter((code) => !unitCodes.has(code))).toEqual([]);
    for (const task of tasks) expect(task.coordinatingUnitCodes, task.ref).not.toContain(task.ownerUnitCode);

    const codes = [
      ...plan.units.map((unit) => unit.code),
      ...plan.objectives.map((objective) => objective.code),
      ...indicators.map((indicator) => indicator.code),
      ...plan.taskGroups.map((group) => group.code),
      ...plan.unitDuties.map((group) => group.code),
      ...tasks.map((task) => task.code),
    ];
    expect(codes.filter((code, i) => codes.indexOf(code) !== i)).toEqual([]);
    const refs = items.map((item) => item.ref);
    expect(refs.filter((ref, i) => refs.indexOf(ref) !== i)).toEqual([]);
  });

  it("names the units the plan speaks of", () => {
    const kinds = new Map(plan.units.map((unit) => [unit.code, unit.kind]));
    expect(Object.fromEntries(kinds)).toMatchObject({
      ubnd: "leadership",
      "dang-uy": "party_committee",
      hdnd: "people_council",
      "van-phong": "office",
      "kinh-te": "department",
      vhxh: "department",
      "trung-tam": "service_center",
      mttq: "fatherland_front",
      "hoi-phu-nu": "mass_organisation",
      "doan-thanh-nien": "mass_organisation",
      "hoi-nong-dan": "mass_organisation",
      "hoi-cuu-chien-binh": "mass_organisation",
      "truong-hoc": "school_group",
      "doanh-nghiep": "business_group",
      "to-dan-pho": "residential_group_set",
      "so-nong-nghiep": "external",
      "ubnd-thanh-pho": "external",
    });
  });

  describe("indicators", () => {
    const indicators = plan.objectives.flatMap((objective) =>
      objective.indicators.map((indicator) => ({ objective: objective.code, ...indicator })),
    );
    const byCode = (code: string) => {
      const found = indicators.find((indicator) => indicator.code === code);
      if (found === undefined) throw new Error(`indicator ${code} is missing`);
      return found;
    };

    it("quote the document word for word and point at an item of the plan", () => {
      const refs = new Set(items.map((item) => item.ref));
      for (const indicator of indicators) {
        expect(doc.fullText, indicator.code).toContain(indicator.quote);
        expect(refs.has(indicator.ref), `${indicator.code} ref ${indicator.ref}`).toBe(true);
        expect(indicator.targetYear).toBe(2030);
        if (indicator.targetSource === "ward") expect(indicator.targetNote, indicator.code).toBeTruthy();
        if (indicator.aggregation === "ratio_of_sums") {
          expect(indicator.numeratorLabel, indicator.code).toBeTruthy();
          expect(indicator.denominatorLabel, indicator.code).toBeTruthy();
        }
        if (indicator.unitOfMeasure === "%") expect(indicator.aggregation, indicator.code).toBe("ratio_of_sums");
      }
      // Indicators section II names are explicit; the ones section III implies are few and marked.
      for (const indicator of indicators)
        expect(indicator.explicit, indicator.code).toBe(indicator.ref.startsWith("II.2"));
      expect(indicators.filter((indicator) => !indicator.explicit).length).toBeLessThanOrEqual(4);
    });

    it("measure the 2030 targets of section II.2", () => {
      expect(byCode("gap-organic-area-share")).toMatchObject({
        objective: "ii-2-1",
        targetValue: 20,
        targetSource: "document",
        aggregation: "ratio_of_sums",
        unitOfMeasure: "%",
        perResidentialGroup: true,
        ownerUnitCode: "kinh-te",
      });
      expect(byCode("straw-burning-cases")).toMatchObject({
        objective: "ii-2-2",
        direction: "decrease",
        targetValue: 0,
        aggregation: "sum",
        targetSource: "document",
      });
      expect(byCode("clean-water-household-share")).toMatchObject({
        objective: "ii-2-2",
        targetValue: 100,
        aggregation: "ratio_of_sums",
        targetSource: "document",
      });
      expect(byCode("domestic-waste-collected-share")).toMatchObject({
        objective: "ii-2-2",
        targetValue: 100,
        aggregation: "ratio_of_sums",
        targetSource: "document",
      });
      expect(byCode("source-separation-residential-group-share")).toMatchObject({
        objective: "ii-2-2",
        targetValue: 100,
        targetSource: "ward",
      });
      expect(byCode("source-separation-residential-group-share").targetNote).toContain("từng bước triển khai");
      expect(byCode("public-works-unfired-materials-share")).toMatchObject({
        objective: "ii-2-3",
        targetValue: 100,
        targetSource: "document",
      });
      expect(byCode("single-use-plastic-free-business-share")).toMatchObject({
        objective: "ii-2-4",
        targetSource: "ward",
      });
      expect(byCode("online-dossier-share")).toMatchObject({
        objective: "ii-2-5",
        targetSource: "ward",
        ownerUnitCode: "van-phong",
      });
    });

    it("include what section III implies", () => {
      expect(byCode("public-lighting-led-share")).toMatchObject({
        ref: "III.3 ý 4",
        explicit: false,
        unitOfMeasure: "%",
      });
      expect(byCode("rooftop-solar-installations")).toMatchObject({
        ref: "III.3 ý 3",
        explicit: false,
        direction: "increase",
        aggregation: "sum",
      });
    });
  });
});
