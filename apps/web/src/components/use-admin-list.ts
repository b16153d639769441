import { useState } from "react";
import type { ReactNode } from "react";
import { App, Grid } from "antd";
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { foldVietnamese } from "@phuong-xanh/shared";
import { errorMessage } from "../lib/api";
import type { RowAction } from "./row-actions";
import { useI18n } from "../i18n/i18n";

/** A phone: narrower than antd's `md` breakpoint. */
export function useIsPhone(): boolean {
  return !Grid.useBreakpoint().md;
}

/**
 * The search box's text and the rows that pass: `keep` says what the page's own filters let
 * through, and every word of the search must be in `text` (accents and case aside, so
 * "to dan pho" finds "Tổ dân phố"). `sort` orders what is left.
 */
export function useListFilter<T>(
  items: readonly T[],
  {
    keep,
    text,
    sort,
  }: {
    keep?: (item: T) => boolean;
    text: (item: T) => readonly string[];
    sort?: (a: T, b: T) => number;
  },
) {
  const [search, setSearch] = useState("");
  const words = foldVietnamese(search).split(" ").filter(Boolean);
  const rows = items.filter((item) => {
    if (keep && !keep(item)) return false;
    const haystack = foldVietnamese(text(item).join(" "));
    return words.every((w) => haystack.includes(w));
  });
  if (sort) rows.sort(sort);
  return { search, setSearch, rows };
}

/**
 * Which dialog is open, and for what. The dialog stays mounted while it closes (`open` false),
 * so it can animate out.
 */
export function useDialog<Dialog>() {
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [open, setOpen] = useState(false);
  return {
    dialog,
    open,
    show: (next: Dialog) => {
      setDialog(next);
      setOpen(true);
    },
    close: () => setOpen(false),
  };
}

/**
 * Asks before a row action (lock an account, close a unit, …); on OK runs it and shows the
 * message it returns, or the server's error.
 */
export function useConfirmAction() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  return ({
    title,
    content,
    icon,
    okText,
    danger,
    run,
  }: {
    title: string;
    content: string;
    icon: ReactNode;
    okText: string;
    danger: boolean;
    /** Does the work; resolves to the success message. */
    run: () => Promise<string>;
  }) => {
    void modal.confirm({
      title,
      content,
      icon,
      okText,
      okButtonProps: { danger },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          void message.success(await run());
        } catch (cause) {
          void message.error(errorMessage(cause, t("common.saveFailed")));
        }
      },
    });
  };
}

/** Puts a saved record into its cached list without waiting for a reload (then reloads anyway). */
export function rememberInList<T extends { id: string }>(
  queryClient: QueryClient,
  key: QueryKey,
  saved: T,
  sort?: (a: T, b: T) => number,
): void {
  queryClient.setQueryData<T[]>(key, (list) => {
    if (!list) return list;
    const next = [...list.filter((item) => item.id !== saved.id), saved];
    return sort ? next.sort(sort) : next;
  });
  void queryClient.invalidateQueries({ queryKey: key });
}

/** The `onSaved` of a list's dialog: remember the saved record, then say so (`say` gives the words). */
export function useOnSaved<T>(remember: (saved: T) => void) {
  const { message } = App.useApp();
  return (say: (saved: T) => string) => (saved: T) => {
    remember(saved);
    void message.success(say(saved));
  };
}

/** What a row's on/off switch says, for the state it would switch the row to. */
export type ActiveToggleWords = {
  /** The link's text and the confirmation's OK ("Khóa"). */
  label: string;
  /** The link's accessible name ("Khóa tài khoản kinhte"). */
  name: string;
  /** The confirmation's question and the line under it. */
  confirm: string;
  hint: string;
  /** The message once done. */
  done: string;
  icon: ReactNode;
};

/**
 * The row action that switches a record off (lock, close) or back on, after asking; switching
 * off is the dangerous one. `words(row, active)` speak of turning the row to `active`.
 */
export function useActiveToggle<T extends { active: boolean }>({
  words,
  update,
  remember,
}: {
  words: (row: T, active: boolean) => ActiveToggleWords;
  update: (row: T, active: boolean) => Promise<T>;
  remember: (saved: T) => void;
}): (row: T) => RowAction {
  const confirm = useConfirmAction();
  return (row) => {
    const active = !row.active;
    const say = words(row, active);
    return {
      key: "active",
      label: say.label,
      name: say.name,
      icon: say.icon,
      danger: row.active,
      onClick: () =>
        confirm({
          title: say.confirm,
          content: say.hint,
          icon: say.icon,
          okText: say.label,
          danger: !active,
          run: async () => {
            remember(await update(row, active));
            return say.done;
          },
        }),
    };
  };
}
