import type { Db, DatabaseKind } from "../db/client.js";
import type { FileStore } from "../modules/files/store.js";
import type { Mailer } from "../modules/notifications/mailer.js";
import type { Config } from "./config.js";

/** What route plugins are given: the database, the file store, configuration. */
export type AppContext = {
  db: Db;
  databaseKind: DatabaseKind;
  /** Resolves when the database answers (readiness). */
  ping(): Promise<void>;
  store: FileStore;
  config: Config;
  mailer: Mailer | null;
};
