import { useCallback } from "react";
import { Link, useParams } from "react-router";
import type { PublicGroupPage } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { formatNumber } from "../../i18n/format";
import { envelope, portalPaths, usePublicData, useWard, withWard } from "./portal-data";
import {
  Facts,
  IndicatorList,
  PageHeading,
  PortalPage,
  Section,
  TaskList,
  TimelinessChip,
  type Crumb,
} from "./portal-ui";

const parser = envelope<PublicGroupPage>("public group", ["ward", "group", "tasks", "summary"]);

/** /cong-khai/nhom/:code — a sector of section III (III.1–III.6) or a unit group of section V (V.1–V.7). */
export default function PublicGroupPageView() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const state = usePublicData(`/api/public/groups/${encodeURIComponent(code)}`, parser);
  const title = useCallback((page: PublicGroupPage) => `${page.group.ref} ${page.group.title}`, []);
  const crumbs = useCallback(
    (page: PublicGroupPage): Crumb[] => [{ label: t(`section.${page.group.section}Short`) }, { label: page.group.ref }],
    [t],
  );
  return (
    <PortalPage state={state} title={title} crumbs={crumbs}>
      {(page) => <GroupView page={page} />}
    </PortalPage>
  );
}

function GroupView({ page }: { page: PublicGroupPage }) {
  const { t, locale } = useI18n();
  const ward = useWard();
  const { group, summary } = page;
  const hasText = group.text !== "" && group.text !== group.title;
  return (
    <>
      <PageHeading eyebrow={`${group.ref} · ${t(`section.${group.section}`)}`} title={group.title}>
        <TimelinessChip timeliness={group.timeliness} />
        <span className="pub-status-label">{group.statusLabel}</span>
      </PageHeading>

      <section className="pub-summary pp-summary-5" aria-label={t("public.summary")}>
        <SummaryNumber label={t("public.summaryTasks")} value={formatNumber(summary.tasks, locale)} />
        <SummaryNumber
          label={t("portal.groupProgress")}
          value={`${formatNumber(summary.averageProgress, locale, 0)}%`}
        />
        <SummaryNumber
          label={t("public.summaryOverdue")}
          value={formatNumber(summary.overdue, locale)}
          bad={summary.overdue > 0}
        />
        <SummaryNumber label={t("timeliness.due_soon")} value={formatNumber(summary.dueSoon, locale)} />
        <SummaryNumber label={t("public.summaryClosed")} value={formatNumber(summary.closed, locale)} />
      </section>

      <Section id="thong-tin-nhom" title={hasText ? t("portal.groupText") : t("task.facts")}>
        {hasText && <blockquote className="pub-quote">{group.text}</blockquote>}
        <Facts items={[{ label: t("task.owner"), value: group.owner.name }]} />
      </Section>

      <Section id="nhiem-vu-nhom" title={t("portal.groupTasks", { count: page.tasks.length })}>
        <TaskList tasks={page.tasks} empty={t("common.empty")} />
      </Section>

      <Section id="chi-tieu-nhom" title={t("portal.groupIndicators")}>
        <IndicatorList indicators={page.indicators} empty={t("portal.noGroupIndicators")} />
      </Section>

      {page.siblings.length > 0 && (
        <nav className="pub-card pp-section" aria-labelledby="nhom-khac">
          <h2 id="nhom-khac">{group.section === "III" ? t("portal.otherSectors") : t("portal.otherUnitGroups")}</h2>
          <ul className="pp-link-list">
            {page.siblings.map((s) => (
              <li key={s.code}>
                <Link to={withWard(portalPaths.group(s.code), ward)}>
                  <span className="pp-ref">{s.ref}</span> {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}

function SummaryNumber({ label, value, bad }: { label: string; value: string; bad?: boolean }) {
  return (
    <div className={`pub-summary-item${bad ? " pub-summary-bad" : ""}`}>
      <span className="pub-summary-value">{value}</span>
      <span className="pub-summary-label">{label}</span>
    </div>
  );
}
