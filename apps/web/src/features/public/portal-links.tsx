import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { PublicResidentialGroupList } from "@phuong-xanh/shared";
import { apiGet } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { envelope, portalPaths, useWard, withWard } from "./portal-data";
import "./portal.css";

/**
 * Links from the public plan page to the pages of its tasks, groups and residential groups.
 * Kept apart from those pages so that the plan's chunk does not carry them.
 */
export function TaskPageLink({ code, refText }: { code: string; refText: string }) {
  const { t } = useI18n();
  const ward = useWard();
  return (
    <Link className="pp-more-link" to={withWard(portalPaths.task(code), ward)}>
      {t("portal.openTask", { ref: refText })}
    </Link>
  );
}

export function GroupPageLink({ code, refText }: { code: string; refText: string }) {
  const { t } = useI18n();
  const ward = useWard();
  return (
    <Link className="pp-more-link" to={withWard(portalPaths.group(code), ward)}>
      {t("portal.openGroup", { ref: refText })}
    </Link>
  );
}

export function IndicatorPageLink({ code, name }: { code: string; name: string }) {
  const ward = useWard();
  return (
    <Link className="pp-indicator-link" to={withWard(portalPaths.indicator(code), ward)}>
      {name}
    </Link>
  );
}

const groupListParser = envelope<PublicResidentialGroupList>("residential groups", ["ward", "groups"]);

/** "Khu phố của tôi": the ward's residential groups, each a link to its page. */
export function NeighbourhoodNav() {
  const { t } = useI18n();
  const ward = useWard();
  const [groups, setGroups] = useState<PublicResidentialGroupList["groups"]>([]);
  useEffect(() => {
    const controller = new AbortController();
    apiGet("/api/public/residential-groups", groupListParser, { ward }, controller.signal).then(
      (list) => setGroups(list.groups),
      () => setGroups([]),
    );
    return () => controller.abort();
  }, [ward]);
  if (groups.length === 0) return null;
  return (
    <section className="pub-card pp-section" aria-labelledby="khu-pho-cua-toi">
      <h2 id="khu-pho-cua-toi">{t("portal.myNeighbourhood")}</h2>
      <p className="pp-hint">{t("portal.neighbourhoodHint")}</p>
      <ul className="pp-pills">
        {groups.map((g) => (
          <li key={g.code}>
            <Link to={withWard(portalPaths.residentialGroup(g.code), ward)} title={g.name}>
              {g.shortName}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
