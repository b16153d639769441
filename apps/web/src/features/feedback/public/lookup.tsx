import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { normalizeTrackingCode, TRACKING_CODE_PATTERN } from "@phuong-xanh/shared";
import { formatDate } from "../../../i18n/format";
import { useWard, withWard } from "../../public/portal-data";
import { feedbackPaths } from "./feedback-api";
import { useFeedbackT } from "./messages";
import type { MyReport } from "./report-form";
import { FieldError } from "./ui";

/** "Tra cứu phản ánh": a code typed as read from paper or heard on the phone. */
export function LookupForm() {
  const t = useFeedbackT();
  const ward = useWard();
  const navigate = useNavigate();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <section className="pub-card" aria-labelledby="fb-lookup-title">
      <h2 id="fb-lookup-title">{t("lookup.title")}</h2>
      <form
        className="fb-lookup"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const normal = normalizeTrackingCode(code);
          if (!TRACKING_CODE_PATTERN.test(normal)) {
            setError(t("lookup.invalid"));
            return;
          }
          setError(undefined);
          void navigate(withWard(feedbackPaths.follow(normal), ward));
        }}
      >
        <label className="fb-label" htmlFor="fb-lookup-code">
          {t("lookup.code")}
        </label>
        <div className="fb-lookup-row">
          <input
            id="fb-lookup-code"
            className="fb-input"
            type="text"
            autoCapitalize="characters"
            autoComplete="off"
            placeholder={t("lookup.hint")}
            maxLength={20}
            value={code}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "fb-lookup-error" : undefined}
            onChange={(event) => setCode(event.target.value)}
          />
          <button type="submit" className="fb-button">
            {t("lookup.submit")}
          </button>
        </div>
        <FieldError id="fb-lookup-error" message={error} />
      </form>
    </section>
  );
}

export function MyReportsList({ reports }: { reports: MyReport[] }) {
  const t = useFeedbackT();
  const ward = useWard();
  if (reports.length === 0) return null;
  return (
    <section className="pub-card" aria-labelledby="fb-mine-title">
      <h2 id="fb-mine-title">{t("mine.title")}</h2>
      <p className="fb-hint">{t("mine.hint")}</p>
      <ul className="fb-mine">
        {reports.map((report) => (
          <li key={report.code}>
            <Link to={withWard(feedbackPaths.follow(report.code), ward)}>{report.code}</Link>{" "}
            <span className="fb-hint">{t("mine.sentOn", { date: formatDate(report.at) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
