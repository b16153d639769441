import { useCallback } from "react";
import { useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import type { CurrentUser } from "@phuong-xanh/shared";
import { errorMessage } from "../../lib/api";
import { api, queryKeys } from "../../lib/endpoints";
import { useI18n } from "../../i18n/i18n";

/**
 * A city account opens a ward to read it (null: back to its own ward, from the city page). Every
 * cached read belonged to the previous ward, so all of them go; the session remembers the choice.
 */
export function useViewWard() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    async (code: string | null, to: string) => {
      try {
        const { viewing } = await api.viewWard(code);
        queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
        queryClient.setQueryData<CurrentUser>(queryKeys.me, (user) => (user ? { ...user, viewing } : user));
        await navigate(to);
      } catch (error) {
        void message.error(errorMessage(error, t("city.viewFailed")));
      }
    },
    [queryClient, navigate, message, t],
  );
}
