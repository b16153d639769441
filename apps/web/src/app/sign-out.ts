import type { QueryClient } from "@tanstack/react-query";
import { LOGIN_PATH } from "../lib/api";
import { api } from "../lib/endpoints";

/** Ends the session, then loads the sign-in page afresh: nothing cached of the signed-out user stays. */
export async function signOut(queryClient: QueryClient): Promise<void> {
  try {
    await api.logout();
  } finally {
    queryClient.clear();
    window.location.assign(LOGIN_PATH);
  }
}
