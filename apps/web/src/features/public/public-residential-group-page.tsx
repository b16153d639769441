import { useCallback } from "react";
import { Link, useParams } from "react-router";
import type { PublicResidentialGroupPage } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { formatNumber, formatQuantity } from "../../i18n/format";
import { safePeriodLabel, targetSymbol } from "../../lib/labels";
import { envelope, portalPaths, usePublicData, useWard, withWard } from "./portal-data";
import { PageHeading, PortalPage, Section, TaskList, type Crumb } from "./portal-ui";

const parser = envelope<PublicResidentialGroupPage>("public residential group", [
  "ward",
  "group",
  "indicators",
  "ownWork",
  "sharedWork",
]);

/** /cong-khai/to-dan-pho/:code — "khu phố của tôi": one residential group's figures and work. */
export default function PublicResidentialGroupPageView() {
  const { code = "" } = useParams();
  const { t } = useI18n();
  const state = usePublicData(`/api/public/residential-groups/${encodeURIComponent(code)}`, parser);
  const title = useCallback((page: PublicResidentialGroupPage) => page.group.name, []);
  const crumbs = useCallback(
    (page: PublicResidentialGroupPage): Crumb[] => [
      { label: t("portal.myNeighbourhood") },
      { label: page.group.shortName },
    ],
    [t],
  );
  return (
    <PortalPage state={state} title={title} crumbs={crumbs}>
      {(page) => <GroupView page={page} />}
    </PortalPage>
  );
}

function GroupView({ page }: { page: PublicResidentialGroupPage }) {
  const { t, locale, language } = useI18n();
  const ward = useWard();
  const { group } = page;
  return (
    <>
      <PageHeading eyebrow={`${t("portal.myNeighbourhood")} · ${page.ward.name}`} title={group.name}>
        {group.households !== null && (
          <span className="pp-kind">{t("portal.households", { count: formatNumber(group.households, locale) })}</span>
        )}
      </PageHeading>

      <Section id="chi-tieu-to" title={t("portal.groupValues")} hint={t("portal.groupValuesHint")}>
        {page.indicators.length === 0 ? (
          <p className="pub-muted">{t("portal.noGroupValues")}</p>
        ) : (
          <ul className="pp-list">
            {page.indicators.map((i) => {
              const quantity = (v: number) => formatQuantity(v, i.unitOfMeasure, locale);
              return (
                <li key={i.code} className="pp-item pp-compare">
                  <div className="pp-item-main">
                    <Link className="pp-item-title" to={withWard(portalPaths.indicator(i.code), ward)}>
                      {i.name}
                    </Link>
                    <p className="pp-item-meta">
                      {safePeriodLabel(i.period, language)} · {t("indicator.target")} {targetSymbol(i.direction)}{" "}
                      {quantity(i.targetValue)} ({i.targetYear})
                    </p>
                  </div>
                  <dl className="pp-compare-values">
                    <div>
                      <dt>{group.shortName}</dt>
                      <dd>{quantity(i.value)}</dd>
                    </div>
                    <div>
                      <dt>{i.aggregation === "sum" ? t("portal.wholeWardTotal") : t("portal.wholeWard")}</dt>
                      <dd>{i.wardValue === null ? "—" : quantity(i.wardValue)}</dd>
                    </div>
                  </dl>
                </li>
              );
            })}
          </ul>
        )}
      </Section>

      <Section id="viec-cua-to" title={t("portal.ownWork")}>
        <TaskList tasks={page.ownWork} empty={t("portal.noWork")} />
      </Section>

      <Section id="viec-chung" title={t("portal.sharedWork")}>
        <TaskList tasks={page.sharedWork} empty={t("portal.noWork")} />
      </Section>

      {page.siblings.length > 0 && (
        <nav className="pub-card pp-section" aria-labelledby="to-khac">
          <h2 id="to-khac">{t("portal.otherGroups")}</h2>
          <ul className="pp-pills">
            {page.siblings.map((s) => (
              <li key={s.code}>
                <Link to={withWard(portalPaths.residentialGroup(s.code), ward)}>{s.shortName}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}
