import type { ReactNode } from "react";
import { Link } from "react-router";
import { useI18n } from "../i18n/i18n";

/**
 * One task in a compact list: the link ("ref title") to its page, then a line of facts ending
 * with its progress, then anything the caller adds below (the text of an update).
 */
export function TaskLine({
  task,
  meta,
  children,
}: {
  task: { id: string; ref: string; title: string; progress: number };
  meta?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="staff-task-line">
      <Link to={`/nhiem-vu/${task.id}`}>
        <span className="staff-muted">{task.ref}</span> {task.title}
      </Link>
      <div className="staff-task-meta">
        {meta}
        <span>{t("task.progressValue", { value: task.progress })}</span>
      </div>
      {children}
    </div>
  );
}
