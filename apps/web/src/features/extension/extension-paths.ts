/** Where the extension pages live: the list (tab in `?muc=`), a class, a model. */
export const extensionPaths = {
  home: "/khuyen-nong",
  models: "/khuyen-nong?muc=mo-hinh",
  training: (id: string) => `/khuyen-nong/tap-huan/${encodeURIComponent(id)}`,
  model: (id: string) => `/khuyen-nong/mo-hinh/${encodeURIComponent(id)}`,
};

export type ExtensionTab = "trainings" | "models";

export const tabOfSlug = (slug: string | null): ExtensionTab => (slug === "mo-hinh" ? "models" : "trainings");
