import { Suspense, lazy, useEffect, useState } from "react";
import { Link, Navigate, Route, Routes } from "react-router";
import { PRODUCER_ROLE } from "@phuong-xanh/shared";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { App as AntApp, Button, ConfigProvider, Result, Spin } from "antd";
import viVN from "antd/locale/vi_VN";
import enUS from "antd/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import { config as configureZod } from "zod";
import { en as zodEn, vi as zodVi } from "zod/locales";
import { useI18n } from "../i18n/i18n";
import { ApiError, errorMessage } from "../lib/api";
import { api, queryKeys } from "../lib/endpoints";
import { CurrentUserContext } from "./current-user";
import { ProducerLayout } from "./producer-layout";
import { StaffLayout } from "./staff-layout";
import "./staff.css";

const DashboardPage = lazy(() => import("../features/dashboard/dashboard-page"));
const TaskListPage = lazy(() => import("../features/plan/task-list-page"));
const TaskDetailPage = lazy(() => import("../features/plan/task-detail-page"));
const MyWorkPage = lazy(() => import("../features/plan/my-work-page"));
const IndicatorListPage = lazy(() => import("../features/indicators/indicator-list-page"));
const IndicatorDetailPage = lazy(() => import("../features/indicators/indicator-detail-page"));
const ReportPeriodListPage = lazy(() => import("../features/reporting/report-period-list-page"));
const ReportSettingsPage = lazy(() => import("../features/reporting/report-settings-page"));
const ReportPeriodPage = lazy(() => import("../features/reporting/report-period-page"));
const UnitReportPage = lazy(() => import("../features/reporting/unit-report-page"));
const WardReportPage = lazy(() => import("../features/reporting/ward-report-page"));
const DocumentListPage = lazy(() => import("../features/documents/document-list-page"));
const DocumentDetailPage = lazy(() => import("../features/documents/document-detail-page"));
const AccountsPage = lazy(() => import("../features/accounts/accounts-page"));
const UnitsPage = lazy(() => import("../features/units/units-page"));
const WardsPage = lazy(() => import("../features/wards/wards-page"));
const ProfilePage = lazy(() => import("../features/identity/profile-page"));
const EnrolRequiredPage = lazy(() => import("../features/identity/enrol-required-page"));
const SystemPage = lazy(() => import("../features/system/system-page"));
const CityPage = lazy(() => import("../features/city/city-page"));
const FeedbackInboxPage = lazy(() => import("../features/feedback/staff/feedback-inbox-page"));
const FeedbackReportPage = lazy(() => import("../features/feedback/staff/feedback-report-page"));
const FeedbackStatsPage = lazy(() => import("../features/feedback/staff/feedback-stats-page"));
const FeedbackSettingsPage = lazy(() => import("../features/feedback/staff/feedback-settings-page"));
const FarmsPage = lazy(() => import("../features/agriculture/registry/farms-page"));
const FarmPage = lazy(() => import("../features/agriculture/registry/farm-page"));
const DiaryPage = lazy(() => import("../features/agriculture/diary/diary-page"));
const CertificatesPage = lazy(() => import("../features/certificates/certificates-page"));
const CertificateApplicationPage = lazy(() => import("../features/certificates/application-detail-page"));
const ExtensionPage = lazy(() => import("../features/extension/extension-page"));
const TrainingDetailPage = lazy(() => import("../features/extension/training-detail-page"));
const ModelDetailPage = lazy(() => import("../features/extension/model-detail-page"));

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // A 4xx will not fix itself by asking again; a dropped connection might.
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}

const theme = {
  token: {
    colorPrimary: "#2e7d32",
    colorLink: "#1b5e20",
    // WCAG 2.1 AA (4.5:1 on white and on the page's grey): antd's greys for secondary text
    // (#8c8c8c, 3.4:1) and its derived menu selection (2.6:1) fall short.
    colorTextSecondary: "#5f6b76",
    colorTextDescription: "#5f6b76",
    borderRadius: 6,
    fontFamily: '"Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Menu: { itemSelectedBg: "#e8f5e9", itemSelectedColor: "#1b5e20" },
  },
};

export default function StaffApp() {
  const { language } = useI18n();
  const [queryClient] = useState(createQueryClient);

  useEffect(() => {
    dayjs.locale(language === "vi" ? "vi" : "en");
    // A form's last line of defence (the shared schema) speaks the officer's language too.
    configureZod(language === "vi" ? zodVi() : zodEn());
  }, [language]);

  return (
    <ConfigProvider locale={language === "vi" ? viVN : enUS} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthGate />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function AuthGate() {
  const { t } = useI18n();
  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: api.me,
    staleTime: 5 * 60_000,
    retry: false,
  });

  if (me.isPending) {
    return (
      <div className="staff-center">
        <Spin size="large" />
        <span className="px-visually-hidden" role="status">
          {t("common.loading")}
        </span>
      </div>
    );
  }
  if (me.isError) {
    // 401 has already sent the browser to the login page; anything else is worth saying.
    if (me.error instanceof ApiError && me.error.status === 401) return null;
    return (
      <Result
        status="error"
        title={t("common.loadFailed")}
        subTitle={errorMessage(me.error, t("common.loadFailed"))}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t("common.retry")}
          </Button>
        }
      />
    );
  }

  // REQUIRE_2FA_ADMIN: nothing but enrolment until a second factor is confirmed.
  if (me.data.mustEnrolSecondFactor) {
    return (
      <CurrentUserContext.Provider value={me.data}>
        <Suspense fallback={<Spin />}>
          <EnrolRequiredPage />
        </Suspense>
      </CurrentUserContext.Provider>
    );
  }

  // A farm's own account: its diary and its profile, nothing of the staff's work.
  if (me.data.role === PRODUCER_ROLE) {
    return (
      <CurrentUserContext.Provider value={me.data}>
        <ProducerLayout>
          <Suspense
            fallback={
              <div className="staff-center">
                <Spin />
              </div>
            }
          >
            <Routes>
              <Route path="nhat-ky" element={<DiaryPage />} />
              <Route path="ho-so" element={<ProfilePage />} />
              <Route path="*" element={<Navigate to="/nhat-ky" replace />} />
            </Routes>
          </Suspense>
        </ProducerLayout>
      </CurrentUserContext.Provider>
    );
  }

  return (
    <CurrentUserContext.Provider value={me.data}>
      <StaffLayout>
        <Suspense
          fallback={
            <div className="staff-center">
              <Spin />
            </div>
          }
        >
          <Routes>
            <Route index element={<DashboardPage />} />
            <Route path="nhiem-vu" element={<TaskListPage />} />
            <Route path="nhiem-vu/:id" element={<TaskDetailPage />} />
            <Route path="viec-cua-toi" element={<MyWorkPage />} />
            <Route path="chi-tieu" element={<IndicatorListPage />} />
            <Route path="chi-tieu/:id" element={<IndicatorDetailPage />} />
            <Route path="bao-cao" element={<ReportPeriodListPage />} />
            <Route path="bao-cao/cai-dat" element={<ReportSettingsPage />} />
            <Route path="bao-cao/:code" element={<ReportPeriodPage />} />
            <Route path="bao-cao/:code/don-vi/:id" element={<UnitReportPage />} />
            <Route path="bao-cao/:code/tong-hop" element={<WardReportPage />} />
            <Route path="van-ban" element={<DocumentListPage />} />
            <Route path="van-ban/:id" element={<DocumentDetailPage />} />
            <Route path="xu-ly-phan-anh" element={<FeedbackInboxPage />} />
            <Route path="xu-ly-phan-anh/thong-ke" element={<FeedbackStatsPage />} />
            <Route path="xu-ly-phan-anh/cau-hinh" element={<FeedbackSettingsPage />} />
            <Route path="xu-ly-phan-anh/:id" element={<FeedbackReportPage />} />
            <Route path="nong-ho" element={<FarmsPage />} />
            <Route path="nong-ho/:id" element={<FarmPage />} />
            <Route path="nhat-ky" element={<DiaryPage />} />
            <Route path="san-pham-xanh" element={<CertificatesPage />} />
            <Route path="san-pham-xanh/ho-so/:id" element={<CertificateApplicationPage />} />
            <Route path="khuyen-nong" element={<ExtensionPage />} />
            <Route path="khuyen-nong/tap-huan/:id" element={<TrainingDetailPage />} />
            <Route path="khuyen-nong/mo-hinh/:id" element={<ModelDetailPage />} />
            <Route path="tai-khoan" element={<AccountsPage />} />
            <Route path="don-vi" element={<UnitsPage />} />
            <Route path="phuong" element={<WardsPage />} />
            <Route path="ho-so" element={<ProfilePage />} />
            <Route path="he-thong" element={<SystemPage />} />
            <Route path="thanh-pho" element={<CityPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </StaffLayout>
    </CurrentUserContext.Provider>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t("common.notFound")}
      subTitle={t("common.notFoundHint")}
      extra={<Link to="/">{t("nav.dashboard")}</Link>}
    />
  );
}
