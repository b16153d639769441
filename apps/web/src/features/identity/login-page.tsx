import { useEffect, useId, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { LoginRequest } from "@phuong-xanh/shared";
import { apiRequest, errorMessage, rememberCsrfToken, type Parser } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { LanguageToggle } from "../public/language-toggle";
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
  const usernameId = useId();
  const passwordId = useId();
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
    <div className="pub login">
      <header className="pub-topbar">
        <span className="pub-brand">
          <span className="pub-logo" aria-hidden="true" />
          {t("app.name")}
        </span>
        <nav className="pub-topnav" aria-label={t("public.navLabel")}>
          <LanguageToggle />
        </nav>
      </header>
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
          <label htmlFor={usernameId}>{t("login.username")}</label>
          <input
            id={usernameId}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
          <label htmlFor={passwordId}>{t("login.password")}</label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <button type="submit" disabled={submitting}>
            {submitting ? t("login.submitting") : t("login.submit")}
          </button>
          <p className="login-public">
            <Link to="/cong-khai">{t("login.publicLink")}</Link>
          </p>
        </form>
      </main>
    </div>
  );
}
