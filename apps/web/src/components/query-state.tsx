import type { ReactNode } from "react";
import { Alert, Button, Result, Skeleton } from "antd";
import { useI18n } from "../i18n/i18n";
import { ApiError, errorMessage } from "../lib/api";

export type QueryLike<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
};

/** Renders a skeleton while loading, the server's message on error, and `children(data)` once there. */
export function QueryState<T>({
  query,
  children,
  rows = 6,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  rows?: number;
}) {
  const { t } = useI18n();
  if (query.isPending) return <Skeleton active paragraph={{ rows }} />;
  if (query.isError || query.data === undefined) {
    if (query.error instanceof ApiError && query.error.code === "NOT_FOUND")
      return <Result status="404" title={t("common.notFound")} subTitle={query.error.message} />;
    if (query.error instanceof ApiError && query.error.code === "FORBIDDEN")
      return <Forbidden message={query.error.message} />;
    return (
      <Alert
        type="error"
        showIcon
        title={t("common.loadFailed")}
        description={errorMessage(query.error, t("common.loadFailed"))}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            {t("common.retry")}
          </Button>
        }
      />
    );
  }
  return <>{children(query.data)}</>;
}

/** What a role that may not see a page gets, whether the server or the page itself said no. */
export function Forbidden({ message }: { message?: string }) {
  const { t } = useI18n();
  return <Result status="403" title={t("common.forbidden")} subTitle={message} />;
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorMessage(error, t("common.saveFailed"))}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {details.map((d) => (
              <li key={`${d.path}:${d.message}`}>{d.path ? `${d.path}: ${d.message}` : d.message}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
