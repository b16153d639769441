import { useId, useMemo, useState, type MouseEvent, type ReactNode } from "react";
import type { CityComparison, CityWard } from "@phuong-xanh/shared";
import { useI18n } from "../../i18n/i18n";
import { formatDate, formatNumber, formatQuantity } from "../../i18n/format";
import { safePeriodLabel, targetSymbol, type IndicatorStatus } from "../../lib/labels";
import "./city.css";

/**
 * The city's views, in plain React (no antd, no zod): the public city page loads them in its
 * light chunk, and the staff page shows the same map, matrix and late groups.
 */

export type WardStatus = CityWard["status"];

/** Where a ward leads: a page (public) or a switch of the staff app to read that ward. */
export type WardAction = { href: string; label: string; onActivate?: () => void };

const WARD_STATUSES: WardStatus[] = ["on_track", "at_risk", "off_track", "no_data"];

/** A glyph per status, so that the map never speaks by colour alone. */
const GLYPH: Record<WardStatus, string> = { on_track: "✓", at_risk: "!", off_track: "✕", no_data: "?" };

export function StatusChip({ status }: { status: IndicatorStatus | WardStatus }) {
  const { t } = useI18n();
  return <span className={`city-chip city-chip-${status}`}>{t(`indicatorStatus.${status}`)}</span>;
}

export function WardStatusChip({ status }: { status: WardStatus }) {
  const { t } = useI18n();
  return (
    <span className={`city-chip city-chip-${status}`}>
      <span aria-hidden="true">{GLYPH[status]}</span>
      {t(`indicatorStatus.${status}`)}
    </span>
  );
}

export function ProgressLabel({ value, name }: { value: number; name: string }) {
  const { t, locale } = useI18n();
  const clamped = Math.max(0, Math.min(100, value));
  return (
    <span className="city-progress">
      <span
        className="city-progress-bar"
        role="progressbar"
        aria-valuenow={clamped}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={t("city.progressOf", { name })}
      >
        <span className="city-progress-fill" style={{ width: `${clamped}%` }} />
      </span>
      <span>{formatNumber(value, locale, 1)}%</span>
    </span>
  );
}

/** A link that, when the page gives an action, does that instead of following the link. */
export function WardLink({ action, children }: { action: WardAction; children: ReactNode }) {
  const onClick = action.onActivate
    ? (event: MouseEvent) => {
        event.preventDefault();
        action.onActivate?.();
      }
    : undefined;
  return (
    <a href={action.href} className="city-ward-link" aria-label={action.label} onClick={onClick}>
      {children}
    </a>
  );
}

// ---------------------------------------------------------------------------------------------
// Map

const MAP_WIDTH = 560;

type Placed = { ward: CityWard; x: number; y: number };

/**
 * Wards on a plain equirectangular projection around their own extent (a few tenths of a degree:
 * the error is nothing at a city's scale), with a graticule every tenth of a degree.
 */
function project(wards: CityWard[]) {
  const placed = wards.flatMap((w) => (w.position ? [{ ward: w, ...w.position }] : []));
  if (placed.length === 0) return null;
  const lats = placed.map((p) => p.latitude);
  const lons = placed.map((p) => p.longitude);
  const pad = 0.06;
  const minLat = Math.min(...lats) - pad;
  const maxLat = Math.max(...lats) + pad;
  const minLon = Math.min(...lons) - pad - 0.04;
  const maxLon = Math.max(...lons) + pad + 0.04;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * kx;
  const spanY = maxLat - minLat;
  const height = Math.round(Math.min(560, Math.max(320, (MAP_WIDTH * spanY) / spanX)));
  const scale = Math.min(MAP_WIDTH / spanX, height / spanY);
  const offsetX = (MAP_WIDTH - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const x = (lon: number) => offsetX + (lon - minLon) * kx * scale;
  const y = (lat: number) => offsetY + (maxLat - lat) * scale;
  const ticks = (from: number, to: number) => {
    const list: number[] = [];
    for (let v = Math.ceil(from * 10) / 10; v <= to; v = Math.round((v + 0.1) * 10) / 10) list.push(v);
    return list;
  };
  return {
    height,
    points: placed.map((p): Placed => ({ ward: p.ward, x: x(p.longitude), y: y(p.latitude) })),
    meridians: ticks(minLon, maxLon).map((lon) => ({ value: lon, at: x(lon) })),
    parallels: ticks(minLat, maxLat).map((lat) => ({ value: lat, at: y(lat) })),
  };
}

export function CityMap({ wards, actionOf }: { wards: CityWard[]; actionOf: (ward: CityWard) => WardAction }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const descId = useId();
  const map = useMemo(() => project(wards), [wards]);
  const unplaced = wards.filter((w) => !w.position);
  const degrees = (value: number, hemisphere: string) => `${formatNumber(value, locale, 1)}°${hemisphere}`;
  return (
    <figure className="city-map-figure">
      {map ? (
        <svg
          className="city-map"
          viewBox={`0 0 ${MAP_WIDTH} ${map.height}`}
          role="group"
          aria-labelledby={titleId}
          aria-describedby={descId}
        >
          <title id={titleId}>{t("city.map")}</title>
          <desc id={descId}>{t("city.mapHint")}</desc>
          <g aria-hidden="true">
            {map.meridians.map((m) => (
              <g key={`m${m.value}`}>
                <line className="city-map-grid" x1={m.at} x2={m.at} y1={0} y2={map.height} />
                <text className="city-map-grid-label" x={m.at + 3} y={map.height - 6}>
                  {degrees(m.value, t("city.east"))}
                </text>
              </g>
            ))}
            {map.parallels.map((p) => (
              <g key={`p${p.value}`}>
                <line className="city-map-grid" x1={0} x2={MAP_WIDTH} y1={p.at} y2={p.at} />
                <text className="city-map-grid-label" x={4} y={p.at - 4}>
                  {degrees(p.value, t("city.north"))}
                </text>
              </g>
            ))}
          </g>
          {map.points.map(({ ward, x, y }) => {
            const action = actionOf(ward);
            const labelLeft = x > MAP_WIDTH * 0.68;
            return (
              <a
                key={ward.code}
                href={action.href}
                className="city-map-point"
                aria-label={`${ward.name}: ${t(`indicatorStatus.${ward.status}`)} — ${action.label}`}
                onClick={
                  action.onActivate
                    ? (event) => {
                        event.preventDefault();
                        action.onActivate?.();
                      }
                    : undefined
                }
              >
                <circle cx={x} cy={y} r={12} className={`city-fill-${ward.status}`} />
                <text className="city-map-glyph" x={x} y={y + 5} textAnchor="middle" aria-hidden="true">
                  {GLYPH[ward.status]}
                </text>
                <text
                  x={labelLeft ? x - 17 : x + 17}
                  y={y + 6}
                  textAnchor={labelLeft ? "end" : "start"}
                  aria-hidden="true"
                >
                  {ward.name.replace(/^(Phường|Xã) /, "")}
                </text>
              </a>
            );
          })}
        </svg>
      ) : (
        <p className="city-muted">{t("city.mapEmpty")}</p>
      )}
      <figcaption>
        <ul className="city-legend" aria-label={t("city.legend")}>
          {WARD_STATUSES.map((status) => (
            <li key={status}>
              <span className={`city-swatch city-fill-${status}`} aria-hidden="true">
                {GLYPH[status]}
              </span>
              {t(`indicatorStatus.${status}`)} ({wards.filter((w) => w.status === status).length})
            </li>
          ))}
        </ul>
        {unplaced.length > 0 && (
          <p className="city-muted">{t("city.noPosition", { names: unplaced.map((w) => w.name).join(", ") })}</p>
        )}
        <p className="city-hint">{t("city.mapTableNote")}</p>
      </figcaption>
    </figure>
  );
}

// ---------------------------------------------------------------------------------------------
// Wards table (plain, sortable: the public page; the staff page uses antd's)

type SortKey = "name" | "progress" | "overdue";

export function WardTable({ wards, actionOf }: { wards: CityWard[]; actionOf: (ward: CityWard) => WardAction }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "name", descending: false });
  const sorted = useMemo(() => {
    const list = [...wards];
    list.sort((a, b) => {
      const order =
        sort.key === "name"
          ? a.name.localeCompare(b.name, "vi")
          : sort.key === "progress"
            ? a.tasks.averageProgress - b.tasks.averageProgress
            : a.tasks.overdue - b.tasks.overdue;
      return sort.descending ? -order : order;
    });
    return list;
  }, [wards, sort]);
  const header = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={numeric ? "city-num" : undefined}
        aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
      >
        <button
          type="button"
          className="city-sort"
          onClick={() => setSort(active ? { key, descending: !sort.descending } : { key, descending: key !== "name" })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? " ▼" : " ▲") : ""}</span>
        </button>
      </th>
    );
  };
  return (
    <ScrollTable name={t("city.table")} hint={t("city.tableCaption")} className="city-table city-wards-table">
      <thead>
        <tr>
          {header("name", t("city.ward"))}
          <th scope="col">{t("city.status")}</th>
          {header("progress", t("city.progress"), true)}
          {header("overdue", t("city.overdue"), true)}
          <th scope="col">{t("city.indicators")}</th>
          <th scope="col">{t("city.lastUpdate")}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((ward) => (
          <tr key={ward.code}>
            <th scope="row">
              <WardLink action={actionOf(ward)}>{ward.name}</WardLink>
            </th>
            <td>
              <WardStatusChip status={ward.status} />
            </td>
            <td className="city-num">
              <ProgressLabel value={ward.tasks.averageProgress} name={ward.name} />
            </td>
            <td className="city-num">
              {t("city.overdueOf", { overdue: ward.tasks.overdue, total: ward.tasks.total })}
            </td>
            <td>
              <IndicatorCounts ward={ward} />
            </td>
            <td>{ward.lastUpdateOn ? formatDate(ward.lastUpdateOn) : t("city.never")}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/**
 * A table in a region that scrolls sideways on a phone (keyboard-reachable), named by a hidden
 * caption and described by the hint shown above it, which never scrolls out of sight.
 */
function ScrollTable({
  name,
  hint,
  className,
  children,
}: {
  name: string;
  hint: string;
  className: string;
  children: ReactNode;
}) {
  const hintId = useId();
  return (
    <>
      <p className="city-hint" id={hintId}>
        {hint}
      </p>
      <div className="city-scroll" tabIndex={0} role="region" aria-label={name}>
        <table className={className} aria-describedby={hintId}>
          <caption className="px-visually-hidden">{name}</caption>
          {children}
        </table>
      </div>
    </>
  );
}

export function IndicatorCounts({ ward }: { ward: CityWard }) {
  const { t } = useI18n();
  const c = ward.indicatorCounts;
  return (
    <span>
      {t("city.indicatorCounts", {
        on: c.on_track + c.achieved,
        risk: c.at_risk,
        off: c.off_track,
        none: c.no_data + c.no_baseline,
      })}
    </span>
  );
}

// ---------------------------------------------------------------------------------------------
// Shared indicators, ward by ward

export function IndicatorMatrix({
  data,
  actionOf,
}: {
  data: CityComparison;
  actionOf: (ward: CityWard) => WardAction;
}) {
  const { t, locale, language } = useI18n();
  if (data.indicators.length === 0) return <p className="city-muted">{t("common.empty")}</p>;
  return (
    <ScrollTable
      name={t("city.indicatorMatrix")}
      hint={t("city.indicatorMatrixHint")}
      className="city-table city-matrix"
    >
      <thead>
        <tr>
          <th scope="col">{t("city.ward")}</th>
          {data.indicators.map((indicator) => (
            <th scope="col" key={indicator.code}>
              {indicator.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.wards.map((ward) => {
          const cells = new Map(ward.indicators.map((c) => [c.code, c]));
          return (
            <tr key={ward.code}>
              <th scope="row">
                <WardLink action={actionOf(ward)}>{ward.name}</WardLink>
              </th>
              {data.indicators.map((indicator) => {
                const cell = cells.get(indicator.code);
                if (!cell) return <td key={indicator.code}>—</td>;
                return (
                  <td key={indicator.code}>
                    <span className="city-cell-value">
                      {cell.latest ? formatQuantity(cell.latest.value, indicator.unitOfMeasure, locale) : "—"}
                    </span>
                    {cell.latest && (
                      <span className="city-cell-meta">{safePeriodLabel(cell.latest.period, language)}</span>
                    )}
                    <span className="city-cell-meta">
                      {t("city.target", {
                        value: `${targetSymbol(indicator.direction)} ${formatQuantity(cell.targetValue, indicator.unitOfMeasure, locale)} (${cell.targetYear})`,
                      })}
                    </span>
                    <StatusChip status={cell.status} />
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}

// ---------------------------------------------------------------------------------------------
// Late task groups

export function LateGroups({ data, actionOf }: { data: CityComparison; actionOf: (ward: CityWard) => WardAction }) {
  const { t } = useI18n();
  const groups = new Map(data.groups.map((g) => [g.code, g]));
  const late = data.wards
    .filter((w) => w.lateGroups.length > 0)
    .sort((a, b) => b.tasks.overdue - a.tasks.overdue || a.name.localeCompare(b.name, "vi"));
  if (late.length === 0) return <p className="city-muted">{t("city.lateGroupsNone")}</p>;
  return (
    <ScrollTable name={t("city.lateGroups")} hint={t("city.lateGroupsHint")} className="city-table city-late-table">
      <thead>
        <tr>
          <th scope="col">{t("city.ward")}</th>
          <th scope="col" className="city-num">
            {t("city.overdue")}
          </th>
          <th scope="col">{t("city.lateGroupsColumn")}</th>
        </tr>
      </thead>
      <tbody>
        {late.map((ward) => (
          <tr key={ward.code}>
            <th scope="row">
              <WardLink action={actionOf(ward)}>{ward.name}</WardLink>
            </th>
            <td className="city-num">{ward.tasks.overdue}</td>
            <td>
              <ul className="city-groups">
                {ward.lateGroups.map((late) => {
                  const group = groups.get(late.code);
                  return (
                    <li key={late.code} title={group?.title}>
                      {t("city.lateGroup", {
                        ref: group?.ref ?? late.code,
                        title: group?.title ?? "",
                        count: late.overdue,
                      })}
                    </li>
                  );
                })}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
