import { useEffect, useId, useState, type FormEvent, type InputHTMLAttributes } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { LoginRequest, SecondFactorLoginRequest } from "@phuong-xanh/shared";
import { ApiError, apiRequest, errorMessage, rememberCsrfToken, type Parser } from "../../lib/api";
import { useI18n } from "../../i18n/i18n";
import { PublicShell } from "../../components/public-shell";
import "../public/public.css";
import "./login.css";

/** Signed in (with the home page of the account's role), or a second factor awaited. */
type LoginOutcome = { kind: "signed_in"; home: string } | { kind: "second_factor" };

/** Where an account lands when no page asked for the sign-in: the city's accounts on the city page. */
function homeOf(data: object): string {
  return "role" in data && data.role === "city" ? "/thanh-pho" : "/";
}

/**
 * Takes the CSRF echo from the login response without pulling zod into this light chunk; a 202
 * `{status: "second_factor_required"}` means the password was right and a code is awaited.
 */
const loginResponseParser: Parser<LoginOutcome> = {
  parse(data) {
    if (typeof data === "object" && data !== null && "status" in data && data.status === "second_factor_required")
      return { kind: "second_factor" };
    if (typeof data === "object" && data !== null && "csrfToken" in data && typeof data.csrfToken === "string") {
      rememberCsrfToken(data.csrfToken);
    }
    return { kind: "signed_in", home: typeof data === "object" && data !== null ? homeOf(data) : "/" };
  },
};

/** Only paths of this site: `next=//evil.example` must not become an open redirect. */
function safeNext(next: string | null, home: string): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/dang-nhap")) return home;
  return next;
}

export default function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  /** After the password, when the account has a second factor. */
  const [step, setStep] = useState<"password" | "code" | "recovery">("password");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const errorId = useId();

  useEffect(() => {
    document.title = `${step === "password" ? t("login.title") : t("login.codeTitle")} — ${t("app.name")}`;
  }, [t, step]);

  async function signedIn(home: string) {
    await navigate(safeNext(params.get("next"), home), { replace: true });
  }

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
      const outcome = await apiRequest("/api/auth/login", {
        method: "POST",
        json: { username: username.trim(), password } satisfies LoginRequest,
        schema: loginResponseParser,
        noLoginRedirect: true,
      });
      if (outcome.kind === "second_factor") {
        setStep("code");
        setCode("");
        setSubmitting(false);
        return;
      }
      await signedIn(outcome.home);
    } catch (cause) {
      setError(errorMessage(cause, t("login.failed")));
      setSubmitting(false);
    }
  }

  async function submitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = code.trim();
    if (!typed) {
      setError(t("login.codeMissing"));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const outcome = await apiRequest("/api/auth/login/second-factor", {
        method: "POST",
        json: (step === "code"
          ? { code: typed.replace(/\s/g, "") }
          : { recoveryCode: typed }) satisfies SecondFactorLoginRequest,
        schema: loginResponseParser,
        noLoginRedirect: true,
      });
      await signedIn(outcome.kind === "signed_in" ? outcome.home : "/");
    } catch (cause) {
      // Five minutes passed, or too many codes: back to the password.
      if (cause instanceof ApiError && cause.code === "SIGN_IN_EXPIRED") {
        setStep("password");
        setPassword("");
      }
      setError(errorMessage(cause, t("login.failed")));
      setSubmitting(false);
    }
  }

  function restart() {
    setStep("password");
    setPassword("");
    setCode("");
    setError(undefined);
  }

  const errorLine = error && (
    <p id={errorId} className="login-error" role="alert">
      {error}
    </p>
  );

  return (
    <PublicShell className="login">
      <main className="login-main">
        {step === "password" ? (
          <form
            className="login-card"
            onSubmit={(event) => void submit(event)}
            noValidate
            aria-labelledby="login-title"
            aria-describedby={error ? errorId : undefined}
          >
            <h1 id="login-title">{t("login.title")}</h1>
            <p className="login-subtitle">{t("login.subtitle")}</p>
            {errorLine}
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
        ) : (
          <form
            className="login-card"
            onSubmit={(event) => void submitCode(event)}
            noValidate
            aria-labelledby="login-code-title"
            aria-describedby={error ? errorId : undefined}
          >
            <h1 id="login-code-title">{t("login.codeTitle")}</h1>
            <p className="login-subtitle">{step === "code" ? t("login.codeSubtitle") : t("login.recoverySubtitle")}</p>
            {errorLine}
            {step === "code" ? (
              <LabelledInput
                key="code"
                label={t("login.code")}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]*"
                maxLength={6}
                autoFocus
                className="login-code"
                value={code}
                onChange={(value) => setCode(value.replace(/\D/g, ""))}
              />
            ) : (
              <LabelledInput
                key="recovery"
                label={t("login.recoveryCode")}
                name="recoveryCode"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={40}
                autoFocus
                value={code}
                onChange={setCode}
              />
            )}
            <button type="submit" disabled={submitting}>
              {submitting ? t("login.verifying") : t("login.verify")}
            </button>
            <p className="login-links">
              <button
                type="button"
                className="login-link"
                onClick={() => {
                  setStep(step === "code" ? "recovery" : "code");
                  setCode("");
                  setError(undefined);
                }}
              >
                {step === "code" ? t("login.useRecovery") : t("login.useCode")}
              </button>
              <button type="button" className="login-link" onClick={restart}>
                {t("login.back")}
              </button>
            </p>
          </form>
        )}
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
