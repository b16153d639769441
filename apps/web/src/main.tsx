import { StrictMode, Suspense, lazy } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { I18nProvider } from "./i18n/i18n";
import { PageLoading } from "./components/page-loading";
import "./styles/base.css";

// Each top-level area is its own chunk: the public plan and the login form are plain React and
// light CSS; the staff app (antd, echarts, react-query, zod) loads only after signing in.
const PublicPlanPage = lazy(() => import("./features/public/public-plan-page"));
const OpenDataPage = lazy(() => import("./features/open-data/open-data-page"));
// The pages of one task, indicator, group and residential group: plain React too, charts lazy.
const PublicTaskPage = lazy(() => import("./features/public/public-task-page"));
const PublicIndicatorPage = lazy(() => import("./features/public/public-indicator-page"));
const PublicGroupPage = lazy(() => import("./features/public/public-group-page"));
const PublicResidentialGroupPage = lazy(() => import("./features/public/public-residential-group-page"));
const PublicCityPage = lazy(() => import("./features/city/public-city-page"));
// Phản ánh: report a problem, follow one, the public list and map. Plain React; Leaflet comes
// later, in its own chunk, once a map is on screen.
const ReportPage = lazy(() => import("./features/feedback/public/report-page"));
const FollowReportPage = lazy(() => import("./features/feedback/public/follow-page"));
const ReportMapPage = lazy(() => import("./features/feedback/public/map-page"));
// Xác minh chứng nhận sản phẩm xanh: what a product's QR code opens. Plain React too.
const VerifyCertificatePage = lazy(() => import("./features/certificates/verify-page"));
// Dấu chân carbon: the public footprint calculator of a rice season. Plain React too.
const CalculatorPage = lazy(() => import("./features/agriculture/footprint/calculator-page"));
const LoginPage = lazy(() => import("./features/identity/login-page"));
const StaffApp = lazy(() => import("./app/staff-app"));

function App() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="/cong-khai" element={<PublicPlanPage />} />
        <Route path="/cong-khai/du-lieu-mo" element={<OpenDataPage />} />
        <Route path="/cong-khai/nhiem-vu/:code" element={<PublicTaskPage />} />
        <Route path="/cong-khai/chi-tieu/:code" element={<PublicIndicatorPage />} />
        <Route path="/cong-khai/nhom/:code" element={<PublicGroupPage />} />
        <Route path="/cong-khai/to-dan-pho/:code" element={<PublicResidentialGroupPage />} />
        <Route path="/cong-khai/thanh-pho" element={<PublicCityPage />} />
        <Route path="/phan-anh" element={<ReportPage />} />
        <Route path="/phan-anh/ban-do" element={<ReportMapPage />} />
        <Route path="/phan-anh/:code" element={<FollowReportPage />} />
        <Route path="/chung-nhan/:number" element={<VerifyCertificatePage />} />
        <Route path="/dau-chan-carbon" element={<CalculatorPage />} />
        <Route path="/dang-nhap" element={<LoginPage />} />
        <Route path="/*" element={<StaffApp />} />
      </Routes>
    </Suspense>
  );
}

const container = document.getElementById("root");
if (container) {
  createRoot(container).render(
    <StrictMode>
      <I18nProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </I18nProvider>
    </StrictMode>,
  );
}
