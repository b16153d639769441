import { useEffect, useId, useState, type FormEvent, type InputHTMLAttributes } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { LoginRequest } from "@phuong-xanh/shared";
import { apiRequest, errorMessage, rememberCsrfToken, type Parser } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { PublicShell } from "../../components/public-shell";
import "../public/public.css";
import "./login.css";

/** Takes the CSRF echo from the login response without pulling zod into this light chunk. */
const loginResponseParser: Parser<void> = {
  parse(data) {
    if (typeof data === "object" && data !== null && "csrfToken" in data && typeof data.csrfToken === "string") {
      rememberCsrfToken(data.csrfToken);
    }
  },
};

/** Only paths of this site: `next=//evil.example` must not become an open redirect. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/dang-nhap")) return "/";
  return next;
}

export default function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const errorId = useId();

  useEffect(() => {
    document.title = `${t("login.title")} — ${t("app.name")}`;
  }, [t]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t("login.missingFields"));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      // A wrong password is a 401 too: it must show here, not bounce to this same page.
      await apiRequest("/api/auth/login", {
        method: "POST",
        json: { username: username.trim(), password } satisfies LoginRequest,
        schema: loginResponseParser,
        noLoginRedirect: true,
      });
      await navigate(safeNext(params.get("next")), { replace: true });
    } catch (cause) {
      setError(errorMessage(cause, t("login.failed")));
      setSubmitting(false);
    }
  }

  return (
    <PublicShell className="login">
      <main className="login-main">
        <form
          className="login-card"
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-labelledby="login-title"
          aria-describedby={error ? errorId : undefined}
        >
          <h1 id="login-title">{t("login.title")}</h1>
          <p className="login-subtitle">{t("login.subtitle")}</p>
          {error && (
            <p id={errorId} className="login-error" role="alert">
              {error}
            </p>
          )}
          <LabelledInput
            label={t("login.username")}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={setUsername}
          />
          <LabelledInput
            label={t("login.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
          />
          <button type="submit" disabled={submitting}>
            {submitting ? t("login.submitting") : t("login.submit")}
          </button>
          <p className="login-public">
            <Link to="/cong-khai">{t("login.publicLink")}</Link>
          </p>
        </form>
      </main>
    </PublicShell>
  );
}

/** A required text input with its visible `<label>` (the label is the input's accessible name). */
function LabelledInput({
  label,
  onChange,
  ...input
}: { label: string; onChange: (value: string) => void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "onChange" | "required"
>) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} onChange={(e) => onChange(e.target.value)} required />
    </>
  );
}
