import { useCallback, useMemo, useState } from "react";
import { App, Alert, Button, Skeleton } from "antd";
import { CloudUploadOutlined, DisconnectOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  PRODUCER_ROLE,
  type DiaryEntry,
  type DiaryEntryInput,
  type DiaryOverview,
  type Season,
} from "@phuong-xanh/shared";
import { useCurrentUser } from "../../../app/current-user";
import { PageHeader } from "../../../components/page-header";
import { ErrorAlert } from "../../../components/query-state";
import { useFormat } from "../../../i18n/format";
import { ApiError } from "../../../lib/api";
import { diaryApi, diaryKeys } from "./diary-api";
import { choiceFromSearch, loadChoice, resolveChoice, saveChoice, type DiaryChoice } from "./diary-choice";
import { EntryDrawer, type EntryTarget, type PhotoChanges } from "./entry-drawer";
import { EntryList } from "./entry-list";
import { FootprintCard } from "./footprint-card";
import { useDiaryT } from "./messages";
import { CloseSeasonModal, OpenSeasonModal } from "./season-modals";
import { useDiaryQueue, type DiaryQueue } from "./use-diary-queue";
import "./diary.css";

/**
 * Nhật ký sản xuất, phone first: choose farm → plot → season, see its diary and carbon footprint,
 * add an entry in a few taps (offline too: it waits on the phone and is sent when the connection
 * comes back), correct or delete one, close the season after the harvest.
 */
export default function DiaryPage() {
  const t = useDiaryT();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const format = useFormat();
  const onSynced = useCallback(
    (count: number) => void message.success(t("diary.synced", { count: format.number(count, 0) })),
    [message, t, format],
  );
  const onPhotosRefused = useCallback(
    (date: string, error: string) =>
      void message.error(t("diary.photosRefused", { date: date ? format.date(date) : "", error }), 10),
    [message, t, format],
  );
  const queue = useDiaryQueue(user.id, onSynced, onPhotosRefused);
  const overview = useQuery({ queryKey: diaryKeys.overview, queryFn: diaryApi.overview });
  const waiting = queue.queue.filter((q) => q.error === undefined).length;

  return (
    <div className="diary-page">
      <PageHeader title={t("diary.title")} />
      {!queue.online && (
        <Alert
          type="warning"
          showIcon
          icon={<DisconnectOutlined />}
          className="diary-banner"
          role="status"
          title={t("diary.offline")}
        />
      )}
      {waiting > 0 && (
        <Alert
          type="info"
          showIcon
          icon={<CloudUploadOutlined />}
          className="diary-banner"
          title={t("diary.pendingCount", { count: format.number(waiting, 0) })}
          action={
            <Button size="small" disabled={!queue.online} loading={queue.syncing} onClick={() => void queue.sync()}>
              {queue.syncing ? t("diary.syncing") : t("diary.syncNow")}
            </Button>
          }
        />
      )}
      {overview.data ? (
        <DiaryChooser overview={overview.data} queue={queue} isProducer={user.role === PRODUCER_ROLE} />
      ) : overview.isPending ? (
        <Skeleton active />
      ) : (
        <ErrorAlert error={overview.error} />
      )}
    </div>
  );
}

function DiaryChooser({
  overview,
  queue,
  isProducer,
}: {
  overview: DiaryOverview;
  queue: DiaryQueue;
  /** A farm's own account: its one farm, and what to do when it has none. */
  isProducer: boolean;
}) {
  const t = useDiaryT();
  const format = useFormat();
  const [wanted, setWanted] = useState<DiaryChoice>(
    () => choiceFromSearch(window.location.search) ?? loadChoice(window.localStorage),
  );
  const [opening, setOpening] = useState(false);
  const queryClient = useQueryClient();
  const chosen = resolveChoice(overview, wanted);

  function choose(next: DiaryChoice) {
    setWanted(next);
    saveChoice(window.localStorage, next);
  }

  if (overview.farms.length === 0)
    return <Alert type="info" showIcon title={t(isProducer ? "diary.noOwnFarm" : "diary.noFarms")} />;
  if (isProducer && chosen.farm?.plots.length === 0) return <Alert type="info" showIcon title={t("diary.noPlots")} />;

  return (
    <>
      <div className="diary-choosers">
        <div className="diary-chooser">
          <label htmlFor="diary-farm">{t("diary.farm")}</label>
          <select id="diary-farm" value={chosen.farm?.id ?? ""} onChange={(e) => choose({ farmId: e.target.value })}>
            {!chosen.farm && <option value="">{t("diary.choose")}</option>}
            {overview.farms.map((farm) => (
              <option key={farm.id} value={farm.id}>
                {farm.name}
              </option>
            ))}
          </select>
        </div>
        {chosen.farm && (
          <div className="diary-chooser">
            <label htmlFor="diary-plot">{t("diary.plot")}</label>
            <select
              id="diary-plot"
              value={chosen.plot?.id ?? ""}
              onChange={(e) => choose({ farmId: chosen.farm?.id, plotId: e.target.value })}
            >
              {!chosen.plot && <option value="">{t("diary.choose")}</option>}
              {chosen.farm.plots.map((plot) => (
                <option key={plot.id} value={plot.id}>
                  {t("diary.plotOption", { name: plot.name, area: format.number(plot.areaHa), crop: plot.crop })}
                </option>
              ))}
            </select>
          </div>
        )}
        {chosen.plot && chosen.plot.seasons.length > 0 && (
          <div className="diary-chooser">
            <label htmlFor="diary-season">{t("diary.season")}</label>
            <select
              id="diary-season"
              value={chosen.season?.id ?? ""}
              onChange={(e) => choose({ farmId: chosen.farm?.id, plotId: chosen.plot?.id, seasonId: e.target.value })}
            >
              {!chosen.season && <option value="">{t("diary.choose")}</option>}
              {chosen.plot.seasons.map((season) => (
                <option key={season.id} value={season.id}>
                  {t("diary.seasonOption", {
                    name: season.name,
                    crop: season.crop,
                    state: season.closedOn ? t("diary.seasonClosed") : t("diary.seasonOpen"),
                  })}
                </option>
              ))}
            </select>
          </div>
        )}
        {chosen.plot && (
          <div className="diary-open-season">
            {chosen.plot.seasons.length === 0 && <span className="diary-muted">{t("diary.noSeasons")}</span>}
            <Button icon={<PlusOutlined />} disabled={!queue.online} onClick={() => setOpening(true)}>
              {t("diary.openSeason")}
            </Button>
          </div>
        )}
      </div>
      {chosen.plot && (
        <OpenSeasonModal
          open={opening}
          plot={chosen.plot}
          onClose={() => setOpening(false)}
          onOpened={(season) => {
            queryClient.setQueryData(diaryKeys.season(season.id), season);
            void queryClient.invalidateQueries({ queryKey: diaryKeys.overview });
            setOpening(false);
            choose({ farmId: chosen.farm?.id, plotId: season.plotId, seasonId: season.id });
          }}
        />
      )}
      {chosen.season && <SeasonView key={chosen.season.id} seasonId={chosen.season.id} queue={queue} />}
    </>
  );
}

function SeasonView({ seasonId, queue }: { seasonId: string; queue: DiaryQueue }) {
  const t = useDiaryT();
  const format = useFormat();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const season = useQuery({ queryKey: diaryKeys.season(seasonId), queryFn: () => diaryApi.season(seasonId) });
  const [target, setTarget] = useState<EntryTarget | null>(null);
  const [closing, setClosing] = useState(false);
  const queued = useMemo(() => queue.queue.filter((q) => q.seasonId === seasonId), [queue.queue, seasonId]);

  const showSeason = (next: Season) => {
    queryClient.setQueryData(diaryKeys.season(next.id), next);
    void queryClient.invalidateQueries({ queryKey: diaryKeys.overview });
  };

  /** A 409 names what changed under the officer: reload it and say so plainly. */
  const onConflict = (error: unknown, what: "entry" | "season"): boolean => {
    if (!(error instanceof ApiError) || error.code !== "CONFLICT") return false;
    void message.error(t(what === "entry" ? "diary.conflict" : "diary.seasonConflict"), 8);
    void season.refetch();
    return true;
  };

  const update = useMutation({
    /** The entry corrected, then its photos removed and added, each with the version it has by then. */
    mutationFn: async ({
      entry,
      input,
      photos,
    }: {
      entry: DiaryEntry;
      input: DiaryEntryInput;
      photos: PhotoChanges;
    }) => {
      let next = await diaryApi.updateEntry(entry.id, {
        occurredOn: input.occurredOn,
        details: input.details,
        note: input.note ?? null,
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        version: entry.version,
      });
      const current = () => next.entries.find((e) => e.id === entry.id);
      for (const fileId of photos.remove) {
        const now = current();
        if (!now?.photos.some((p) => p.id === fileId)) continue;
        next = await diaryApi.removePhoto(entry.id, fileId, now.version);
      }
      const now = current();
      if (now && photos.add.length > 0) next = await diaryApi.addPhotos(entry.id, now.version, photos.add);
      return next;
    },
    onSuccess: (next) => {
      showSeason(next);
      setTarget(null);
      void message.success(t("diary.saved"));
    },
    onError: (error) => {
      if (onConflict(error, "entry")) setTarget(null);
      // The correction may be saved and only a photo refused: show the entry as it is now.
      else void season.refetch();
    },
  });

  const remove = useMutation({
    mutationFn: (entry: DiaryEntry) => diaryApi.deleteEntry(entry.id, entry.version),
    onSuccess: (next) => {
      showSeason(next);
      void message.success(t("diary.deleted"));
    },
    onError: (error) => {
      if (!onConflict(error, "entry")) void message.error(error.message, 8);
    },
  });

  function submit(input: DiaryEntryInput, photos: PhotoChanges) {
    if (!target) return;
    if (target.mode === "saved") {
      // Its version as the page has it now (a failed photo step has reloaded the season since).
      const entry = season.data?.entries.find((e) => e.id === target.entry.id) ?? target.entry;
      update.mutate({ entry, input, photos });
      return;
    }
    setTarget(null);
    void queue.add(seasonId, input, photos.add).then(({ stored, photosKept }) => {
      if (!stored) void message.error(t("diary.storageFull"), 10);
      else if (!photosKept) void message.warning(t("diary.photosNotKept"), 10);
      else if (!queue.online) void message.info(t("diary.queued"));
    });
  }

  if (!season.data) {
    if (season.isPending) return <Skeleton active />;
    return <ErrorAlert error={season.error} />;
  }
  const data = season.data;
  const isOpen = data.closedOn === null;
  const hasHarvest = data.entries.some((e) => e.details.kind === "harvest");
  const forPrefill = [
    ...data.entries,
    ...queued.map((q) => ({ occurredOn: q.entry.occurredOn, details: q.entry.details as Record<string, unknown> })),
  ];

  return (
    <div className="diary-season">
      <section className="diary-card" aria-labelledby="diary-season-name">
        <h2 id="diary-season-name">{data.name}</h2>
        <p className="diary-muted">
          {data.farmName} · {data.plotName} ·{" "}
          {t("diary.seasonSummary", {
            crop: data.variety ? `${data.crop} ${data.variety}` : data.crop,
            date: format.date(data.startedOn),
            count: format.number(data.entries.length + queued.length, 0),
          })}
        </p>
        {isOpen ? (
          <div className="diary-actions">
            <Button
              type="primary"
              size="large"
              icon={<PlusOutlined />}
              className="diary-add"
              onClick={() => {
                update.reset();
                setTarget({ mode: "new" });
              }}
            >
              {t("diary.add")}
            </Button>
            <Button
              size="large"
              disabled={!queue.online || !hasHarvest || queued.length > 0}
              title={!hasHarvest ? t("diary.closeSeasonNeedsHarvest") : undefined}
              onClick={() => setClosing(true)}
            >
              {t("diary.closeSeason")}
            </Button>
          </div>
        ) : (
          <p className="diary-closed">{t("diary.closedOn", { date: format.date(data.closedOn) })}</p>
        )}
        {isOpen && !queue.online && <p className="diary-muted">{t("diary.needsNetwork")}</p>}
        {isOpen && queue.online && !hasHarvest && <p className="diary-muted">{t("diary.closeSeasonNeedsHarvest")}</p>}
      </section>

      <EntryList
        season={data}
        queued={queued}
        online={queue.online}
        deleting={remove.isPending ? remove.variables.id : null}
        onEdit={(next) => {
          update.reset();
          setTarget(next);
        }}
        onDelete={(entry) => remove.mutate(entry)}
        onDiscard={queue.discard}
        onResend={queue.resend}
        photosVersion={queue.photosVersion}
      />

      <FootprintCard season={data} waiting={queued.length} />

      <EntryDrawer
        target={target}
        startedOn={data.startedOn}
        entries={forPrefill}
        saving={update.isPending}
        error={update.error instanceof ApiError && update.error.code === "CONFLICT" ? null : update.error}
        onClose={() => setTarget(null)}
        onSubmit={submit}
      />
      <CloseSeasonModal
        open={closing}
        season={data}
        onClose={() => setClosing(false)}
        onClosed={(next) => {
          showSeason(next);
          setClosing(false);
          void message.success(t("diary.seasonEnded"));
        }}
        onConflict={(error) => onConflict(error, "season")}
      />
    </div>
  );
}
