import { useCallback, useMemo, useState } from "react";
import { useParams } from "react-router";
import type { PublicTaskPage } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { formatDate, formatNumber } from "../../i18n/format";
import { deadlineLabel, recurrenceLabel } from "../../lib/labels";
import { ChartFigure } from "./chart-figure";
import type { PortalChartProps } from "./portal-chart";
import { envelope, portalPaths, usePublicData, useWard, withWard } from "./portal-data";
import {
  Facts,
  IndicatorList,
  PageHeading,
  PortalPage,
  ProgressBar,
  Section,
  TaskList,
  TimelinessChip,
  type Crumb,
} from "./portal-ui";

const parser = envelope<PublicTaskPage>("public task", ["ward", "task", "history", "updates", "photos"]);

/** Updates shown before "show all": a long-running duty can gather dozens. */
const FIRST_UPDATES = 8;

/** /cong-khai/nhiem-vu/:code — one task, duty or movement as the public sees it. */
export default function PublicTaskPageView() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const ward = useWard();
  const state = usePublicData(`/api/public/tasks/${encodeURIComponent(code)}`, parser);
  const title = useCallback((page: PublicTaskPage) => `${page.task.ref} ${page.task.title}`, []);
  const crumbs = useCallback(
    (page: PublicTaskPage): Crumb[] => [
      ...page.ancestors.map((a, index) => ({
        label: a.ref,
        // The section's group has its own page; a duty above a movement is a task page.
        to: withWard(index === 0 ? portalPaths.group(a.code) : portalPaths.task(a.code), ward),
      })),
      { label: page.task.ref },
    ],
    [ward],
  );
  return (
    <PortalPage state={state} title={title} crumbs={crumbs}>
      {(page) => <TaskView page={page} sectionLabel={t(`section.${page.task.section}`)} />}
    </PortalPage>
  );
}

function TaskView({ page, sectionLabel }: { page: PublicTaskPage; sectionLabel: string }) {
  const { t } = useI18n();
  const { task } = page;
  return (
    <>
      <PageHeading eyebrow={`${task.ref} · ${sectionLabel}`} title={task.title}>
        <span className="pp-kind">{t(`kind.${task.kind}`)}</span>
        <TimelinessChip timeliness={task.timeliness} />
        <span className="pub-status-label">{task.statusLabel}</span>
      </PageHeading>
      <div className="pp-progress-large">
        <ProgressBar value={task.progress} label={t("task.progressOf", { title: task.title })} />
      </div>

      <Section id="noi-dung-nhiem-vu" title={t("task.documentText")}>
        <blockquote className="pub-quote">{task.text}</blockquote>
      </Section>

      <Section id="thong-tin" title={t("portal.facts")}>
        <Facts
          items={[
            { label: t("task.owner"), value: task.owner.name },
            { label: t("task.coordinators"), value: task.coordinators.map((c) => c.name).join("; ") },
            { label: t("task.deadline"), value: deadlineLabel(t, task) },
            { label: t("task.recurrence"), value: recurrenceLabel(t, task.recurrence) },
            { label: t("task.output"), value: task.output },
            { label: t("task.status"), value: task.statusLabel },
            {
              label: t("task.lastUpdateOn"),
              value: task.lastUpdateOn ? formatDate(task.lastUpdateOn) : t("task.neverUpdated"),
            },
          ]}
        />
      </Section>

      {page.children.length > 0 && (
        <Section id="nhiem-vu-ben-trong" title={t("portal.children", { count: page.children.length })}>
          <TaskList tasks={page.children} empty={t("common.empty")} />
        </Section>
      )}

      <Section id="tien-do" title={t("portal.progressHistory")}>
        <ProgressHistory page={page} />
      </Section>

      <Section id="cap-nhat" title={t("portal.updates", { count: page.updates.length })}>
        <Updates page={page} />
      </Section>

      {page.photos.length > 0 && (
        <Section id="anh-minh-chung" title={t("portal.photos", { count: page.photos.length })}>
          <ul className="pp-photos">
            {page.photos.map((photo) => (
              <li key={photo.id}>
                <a href={photo.url} aria-label={t("portal.photoOpen", { date: formatDate(photo.date) })}>
                  <img
                    src={photo.url}
                    alt={t("portal.photoAlt", { date: formatDate(photo.date) })}
                    loading="lazy"
                    decoding="async"
                  />
                </a>
                <span className="pp-photo-date">{formatDate(photo.date)}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="chi-tieu" title={t("portal.linkedIndicators")}>
        <IndicatorList indicators={page.indicators} empty={t("portal.noLinkedIndicators")} />
      </Section>
    </>
  );
}

function ProgressHistory({ page }: { page: PublicTaskPage }) {
  const { t, locale } = useI18n();
  const formatValue = useCallback((v: number) => `${formatNumber(v, locale, 0)}%`, [locale]);
  const chart = useMemo<PortalChartProps>(
    () => ({
      series: [
        {
          label: t("task.progress"),
          color: "#2e7d32",
          stepped: true,
          points: page.history.map((h) => ({ date: h.date, value: h.progress })),
        },
      ],
      formatValue,
      range: [0, 100],
    }),
    [page.history, formatValue, t],
  );
  const first = page.history[0];
  const last = page.history.at(-1);
  if (!first || !last) return <p className="pub-muted">{t("update.none")}</p>;
  return (
    <ChartFigure
      id="bieu-do-tien-do"
      summary={t("portal.progressChartSummary", {
        count: page.history.length,
        first: first.progress,
        firstDate: formatDate(first.date),
        last: last.progress,
        lastDate: formatDate(last.date),
      })}
      chart={chart}
      table={
        <table className="pp-table">
          <caption className="px-visually-hidden">{t("portal.progressHistory")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("update.reportedOn")}</th>
              <th scope="col">{t("task.progress")}</th>
              <th scope="col">{t("task.status")}</th>
            </tr>
          </thead>
          <tbody>
            {page.history.map((h, index) => (
              <tr key={`${h.date}-${index}`}>
                <td>{formatDate(h.date)}</td>
                <td>{h.progress}%</td>
                <td>{h.statusLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function Updates({ page }: { page: PublicTaskPage }) {
  const { t } = useI18n();
  const [showAll, setShowAll] = useState(false);
  if (page.updates.length === 0) return <p className="pub-muted">{t("update.none")}</p>;
  const shown = showAll ? page.updates : page.updates.slice(0, FIRST_UPDATES);
  return (
    <>
      <ol className="pp-updates">
        {shown.map((update, index) => (
          <li key={`${update.date}-${index}`}>
            <div className="pp-update-head">
              <time dateTime={update.date}>{formatDate(update.date)}</time>
              <span className="pp-update-progress">{t("portal.updateProgress", { value: update.progress })}</span>
              <span className="pub-status-label">{update.statusLabel}</span>
            </div>
            <p className="pp-update-text">{update.text}</p>
          </li>
        ))}
      </ol>
      {!showAll && page.updates.length > FIRST_UPDATES && (
        <button type="button" className="pp-button" onClick={() => setShowAll(true)}>
          {t("portal.showAllUpdates", { count: page.updates.length })}
        </button>
      )}
    </>
  );
}
