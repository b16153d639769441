import { FOOTPRINT_SOURCES, type Season } from "@phuong-xanh/shared";
import { useFormat } from "../../../i18n/format";
import { diaryText } from "./entry-drawer";
import { useDiaryT } from "./messages";

/**
 * The season's carbon footprint as the server computed it from the diary (IPCC Tier 1, the
 * factor set named): per hectare, per kg of product, by source, and the same season done
 * otherwise. Until the diary has every step it needs, what is missing.
 */
export function FootprintCard({ season, waiting }: { season: Season; waiting: number }) {
  const t = useDiaryT();
  const format = useFormat();
  const { footprint } = season;
  const sources = footprint
    ? FOOTPRINT_SOURCES.map((source) => ({ source, value: footprint.breakdown[source] ?? 0 }))
        .filter((s) => s.value > 0)
        .sort((a, b) => b.value - a.value)
    : [];
  const largest = sources[0]?.value ?? 0;

  return (
    <section className="diary-card" aria-labelledby="diary-footprint-heading">
      <h2 id="diary-footprint-heading">{t("diary.footprint")}</h2>
      {footprint && season.perHectare !== null ? (
        <>
          <div className="diary-figures">
            <div>
              <strong>{format.number(season.perHectare, 0)}</strong>
              <span>{t("diary.perHectare")}</span>
            </div>
            {footprint.kgCo2ePerKgProduct !== null && (
              <div>
                <strong>{format.number(footprint.kgCo2ePerKgProduct, 2)}</strong>
                <span>{t("diary.perKg")}</span>
              </div>
            )}
          </div>
          <p className="diary-muted">{t("diary.total", { total: format.number(footprint.totalKgCo2e, 0) })}</p>
          <h3>{t("diary.breakdown")}</h3>
          <ul className="diary-breakdown">
            {sources.map(({ source, value }) => (
              <li key={source}>
                <span>{diaryText(t, `diary.source.${source}`)}</span>
                <span className="diary-nowrap">{format.number(value, 0)} kg CO₂e</span>
                <span className="diary-bar" aria-hidden="true">
                  <span style={{ width: `${largest > 0 ? Math.max(2, (value / largest) * 100) : 0}%` }} />
                </span>
              </li>
            ))}
          </ul>
          {season.alternatives.length > 0 && (
            <>
              <h3>{t("diary.alternatives")}</h3>
              <ul className="diary-alternatives">
                {season.alternatives.map((a) => (
                  <li key={a.practice}>
                    {t("diary.alternative", {
                      practice: a.practice,
                      value: format.number(a.footprint.totalKgCo2e / season.areaHa, 0),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="diary-muted">{t("diary.factorSet", { set: footprint.factorSet })}</p>
        </>
      ) : (
        season.missing.length > 0 && (
          <p className="diary-muted">
            {t("diary.footprintMissing", {
              steps: season.missing.map((step) => diaryText(t, `diary.step.${step}`)).join(", "),
            })}
          </p>
        )
      )}
      {waiting > 0 && <p className="diary-muted">{t("diary.footprintPending")}</p>}
    </section>
  );
}
