import { lazy } from 'react';
import { Outlet, Route, Routes } from 'react-router';
import { AppShell } from './components/app-shell.tsx';
import { RequireUser } from './features/session/session-context.tsx';

// Each page is its own chunk, so the live-session page does not carry the admin forms and only
// pages that show Markdown load the Markdown renderer.
const SetupPage = lazy(() => import('./routes/setup-page.tsx'));
const SignInPage = lazy(() => import('./routes/sign-in-page.tsx'));
const AcceptInvitationPage = lazy(() => import('./routes/accept-invitation-page.tsx'));
const HomePage = lazy(() => import('./routes/home-page.tsx'));
const UsersPage = lazy(() => import('./routes/users-page.tsx'));
const PositionsPage = lazy(() => import('./routes/positions-page.tsx'));
const CandidatesPage = lazy(() => import('./routes/candidates-page.tsx'));
const TasksPage = lazy(() => import('./routes/tasks-page.tsx'));
const TaskEditPage = lazy(() => import('./routes/task-edit-page.tsx'));
const ApiTokensPage = lazy(() => import('./routes/api-tokens-page.tsx'));
const PlanInterviewPage = lazy(() => import('./routes/plan-interview-page.tsx'));
const InterviewPage = lazy(() => import('./routes/interview-page.tsx'));
const ReportPage = lazy(() => import('./routes/report-page.tsx'));
const NotFoundPage = lazy(() => import('./routes/not-found-page.tsx'));
const PortalPage = lazy(() => import('./routes/portal-page.tsx'));
const OutboxPage = lazy(() => import('./routes/outbox-page.tsx'));
const AccountPage = lazy(() => import('./routes/account-page.tsx'));
const CandidateFeedbackPage = lazy(() => import('./routes/candidate-feedback-page.tsx'));
// Carries the charting library: only this page loads it.
const CalibrationPage = lazy(() => import('./routes/calibration-page.tsx'));
const AuditPage = lazy(() => import('./routes/audit-page.tsx'));
const WebhooksPage = lazy(() => import('./routes/webhooks-page.tsx'));
const ServiceTokensPage = lazy(() => import('./routes/service-tokens-page.tsx'));
const BiasTermsPage = lazy(() => import('./routes/bias-terms-page.tsx'));
const PrivacyPage = lazy(() => import('./routes/privacy-page.tsx'));
const ProvisioningPage = lazy(() => import('./routes/provisioning-page.tsx'));
const SingleSignOnPage = lazy(() => import('./routes/single-sign-on-page.tsx'));
const SettingsPage = lazy(() => import('./routes/settings-page.tsx'));

export function AppRoutes() {
  return (
    <AppShell>
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
        {/* The candidate's portal: no account, the private link is the key. */}
        <Route path="/p/:token" element={<PortalPage />} />
        <Route
          element={
            <RequireUser>
              <Outlet />
            </RequireUser>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="/users" element={<UsersPage />} />
          <Route path="/positions" element={<PositionsPage />} />
          <Route path="/candidates" element={<CandidatesPage />} />
          <Route path="/tasks" element={<TasksPage />} />
          <Route path="/tasks/new" element={<TaskEditPage />} />
          <Route path="/tasks/:taskId" element={<TaskEditPage />} />
          <Route path="/api-tokens" element={<ApiTokensPage />} />
          <Route path="/interviews/new" element={<PlanInterviewPage />} />
          <Route path="/interviews/:interviewId" element={<InterviewPage />} />
          <Route path="/interviews/:interviewId/report" element={<ReportPage />} />
          <Route path="/outbox" element={<OutboxPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/candidate-feedback" element={<CandidateFeedbackPage />} />
          <Route path="/calibration" element={<CalibrationPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="/webhooks" element={<WebhooksPage />} />
          <Route path="/service-tokens" element={<ServiceTokensPage />} />
          <Route path="/bias-terms" element={<BiasTermsPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="/privacy" element={<PrivacyPage />} />
          <Route path="/single-sign-on" element={<SingleSignOnPage />} />
          <Route path="/provisioning" element={<ProvisioningPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AppShell>
  );
}
