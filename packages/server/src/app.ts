import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import { defaultOrganisationSettings, firstRunSetupApi, usersApi } from '@pairwise/domain';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type Config, ConfigError } from './config.ts';
import {
  ApiTokensService,
  apiTokensRoutes,
  registerApiTokenResolution,
} from './features/api-tokens/api-tokens.ts';
import { ApiTokensRepository } from './features/api-tokens/repository.ts';
import { AuditLog } from './features/audit/audit-log.ts';
import { AuditRepository } from './features/audit/repository.ts';
import { auditRoutes } from './features/audit/routes.ts';
import { ImpressionReportedNotice } from './features/bias-check/impression-reported-notice.ts';
import { BiasCheckRepository } from './features/bias-check/repository.ts';
import { biasCheckRoutes } from './features/bias-check/routes.ts';
import { BiasCheckService } from './features/bias-check/service.ts';
import { BiasTermsService } from './features/bias-check/terms.ts';
import { CalendarBlocksWriter } from './features/calendar-connections/calendar-blocks.ts';
import { CalendarClearedEvidence } from './features/calendar-connections/calendar-cleared.ts';
import { CalendarSecrets } from './features/calendar-connections/calendar-secrets.ts';
import { FreeBusyPlanner } from './features/calendar-connections/free-busy-planner.ts';
import { CalendarConnectionsRepository } from './features/calendar-connections/repository.ts';
import { calendarConnectionsRoutes } from './features/calendar-connections/routes.ts';
import { CalendarConnectionsService } from './features/calendar-connections/service.ts';
import { CalendarFeedService, calendarFeedRoutes } from './features/calendar-feed/calendar-feed.ts';
import { CalendarFeedRepository } from './features/calendar-feed/repository.ts';
import { parseMailboxUrl } from './features/calendar-replies/mailbox.ts';
import { CalendarRepliesRepository } from './features/calendar-replies/repository.ts';
import { CalendarRepliesService } from './features/calendar-replies/service.ts';
import { CalibrationJob } from './features/calibration/calibration-job.ts';
import { CalibrationRepository } from './features/calibration/repository.ts';
import { calibrationRoutes } from './features/calibration/routes.ts';
import { CalibrationService } from './features/calibration/service.ts';
import {
  CandidateFeedbackService,
  candidateFeedbackRoutes,
} from './features/candidate-feedback/candidate-feedback.ts';
import { CandidateFeedbackRepository } from './features/candidate-feedback/repository.ts';
import { CandidateGitAccess, GIT_BACKOFF } from './features/candidate-repositories/git-access.ts';
import { CandidateRepositoriesRepository } from './features/candidate-repositories/repository.ts';
import { RepositoryCredentials } from './features/candidate-repositories/repository-credentials.ts';
import { candidateRepositoriesRoutes } from './features/candidate-repositories/routes.ts';
import { CandidateRepositoriesService } from './features/candidate-repositories/service.ts';
import { organisationDefaultLocale } from './features/candidates/candidate-locale.ts';
import { CandidatesService, candidatesRoutes } from './features/candidates/candidates.ts';
import { CandidatesRepository } from './features/candidates/repository.ts';
import { defaultCliDistDir } from './features/cli-distribution/cli-package.ts';
import { cliDistributionRoutes, registerCliDownload } from './features/cli-distribution/routes.ts';
import { FirstRunSetupRepository } from './features/first-run-setup/repository.ts';
import { firstRunSetupRoutes } from './features/first-run-setup/routes.ts';
import { FirstRunSetupService } from './features/first-run-setup/service.ts';
import { DeadlineReminders } from './features/follow-up/deadline-reminders.ts';
import { DecisionMessagesService, decisionMessageRoutes } from './features/follow-up/decision-message.ts';
import { publicHolidays } from './features/follow-up/public-holidays.ts';
import { FollowUpRepository } from './features/follow-up/repository.ts';
import { InterviewEventLog } from './features/interviews/event-log.ts';
import { PanelReassignment } from './features/interviews/panel-reassignment.ts';
import { InterviewEventsRepository, InterviewsRepository } from './features/interviews/repository.ts';
import { interviewsRoutes } from './features/interviews/routes.ts';
import { InterviewsService } from './features/interviews/service.ts';
import { AccommodationAnswers } from './features/invitations/accommodation-answers.ts';
import { InvitationCalendarMail } from './features/invitations/calendar-mail.ts';
import { DayBeforeReminders } from './features/invitations/day-before-reminders.ts';
import { InvitationsRepository } from './features/invitations/repository.ts';
import { invitationsRoutes } from './features/invitations/routes.ts';
import { InvitationsService } from './features/invitations/service.ts';
import { registerLiveChannel } from './features/live/live.ts';
import { NotesRepository } from './features/notes/repository.ts';
import { notesRoutes } from './features/notes/routes.ts';
import { NotesService } from './features/notes/service.ts';
import { OutboxService } from './features/outbox/outbox.ts';
import { OutboxRepository } from './features/outbox/outbox-repository.ts';
import { outboxRoutes } from './features/outbox/routes.ts';
import { PairingService, pairingRoutes } from './features/pairing/pairing.ts';
import { PortalTokens } from './features/portal/portal-tokens.ts';
import { PortalRepository, PortalTokensRepository } from './features/portal/repository.ts';
import { PORTAL_BACKOFF, portalRoutes } from './features/portal/routes.ts';
import { PortalService } from './features/portal/service.ts';
import { PositionsService, positionsRoutes } from './features/positions/positions.ts';
import { PositionsRepository } from './features/positions/repository.ts';
import { TaskPreparationReadiness } from './features/rehearsals/readiness.ts';
import { RehearsalSandbox } from './features/rehearsals/rehearsal-sandbox.ts';
import { RehearsalsRepository } from './features/rehearsals/repository.ts';
import { rehearsalsRoutes } from './features/rehearsals/routes.ts';
import { RehearsalsService } from './features/rehearsals/service.ts';
import { ReportsService, reportsRoutes } from './features/reports/reports.ts';
import { ReportsRepository } from './features/reports/repository.ts';
import { RetentionRepository } from './features/retention/repository.ts';
import { RetentionJob } from './features/retention/retention-job.ts';
import { retentionRoutes } from './features/retention/routes.ts';
import { RetentionService } from './features/retention/service.ts';
import { RetrospectivesRepository } from './features/retrospectives/repository.ts';
import { RetrospectivesService, retrospectivesRoutes } from './features/retrospectives/retrospectives.ts';
import { ScimRepository } from './features/scim/repository.ts';
import { provisioningRoutes, registerScimRoutes } from './features/scim/routes.ts';
import { ScimService } from './features/scim/service.ts';
import { ScorecardsRepository } from './features/scorecards/repository.ts';
import { ScorecardsService, scorecardsRoutes } from './features/scorecards/scorecards.ts';
import { SlotOffersRepository } from './features/self-scheduling/repository.ts';
import { selfSchedulingRoutes } from './features/self-scheduling/routes.ts';
import { SelfSchedulingService } from './features/self-scheduling/service.ts';
import { ServiceTokensRepository } from './features/service-tokens/repository.ts';
import { ServiceTokensService, serviceTokensRoutes } from './features/service-tokens/service-tokens.ts';
import { SettingsRepository } from './features/settings/repository.ts';
import { settingsRoutes } from './features/settings/routes.ts';
import { SettingsService } from './features/settings/service.ts';
import { RelyingParty } from './features/single-sign-on/relying-party.ts';
import { SingleSignOnRepository } from './features/single-sign-on/repository.ts';
import { singleSignOnRoutes } from './features/single-sign-on/routes.ts';
import { SingleSignOnService } from './features/single-sign-on/service.ts';
import { ArchiveUploads } from './features/task-snapshots/archive-uploads.ts';
import { TaskSnapshotsRepository } from './features/task-snapshots/repository.ts';
import { registerArchiveUploadRoute, taskSnapshotsRoutes } from './features/task-snapshots/routes.ts';
import { TaskSnapshotsService } from './features/task-snapshots/service.ts';
import { demoTaskDir } from './features/task-snapshots/task-manifest.ts';
import { TasksRepository } from './features/tasks/repository.ts';
import { TasksService, tasksRoutes } from './features/tasks/tasks.ts';
import { AccountDeactivation } from './features/users/deactivation.ts';
import { InvitationLinks } from './features/users/invitation-links.ts';
import { UsersRepository } from './features/users/repository.ts';
import { usersRoutes } from './features/users/routes.ts';
import { UsersService } from './features/users/service.ts';
import { WebhooksRepository } from './features/webhooks/repository.ts';
import { webhooksRoutes } from './features/webhooks/routes.ts';
import { WebhooksService } from './features/webhooks/service.ts';
import { WorkQueueRepository } from './features/work-queue/repository.ts';
import { workQueueRoutes } from './features/work-queue/routes.ts';
import { WorkQueueService } from './features/work-queue/service.ts';
import { FailureLimiter } from './platform/auth/failure-limiter.ts';
import { registerSessionResolution, SessionStore } from './platform/auth/sessions.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { CandidateRepositoryStore, ClonePackCache, registerGitRoutes } from './platform/git/index.ts';
import { registerErrorHandling, registerNotFound } from './platform/http/errors.ts';
import { registerIdempotency } from './platform/http/idempotency.ts';
import { redactedRequestLog } from './platform/http/log-redaction.ts';
import { registerMovedRoutes } from './platform/http/moved-routes.ts';
import { buildOpenApi } from './platform/http/openapi.ts';
import { defineRoute, type RegisteredRoute, registerRoutes } from './platform/http/route.ts';
import { registerSecurity } from './platform/http/security.ts';
import { JobQueue } from './platform/jobs/job-queue.ts';
import { Mailer } from './platform/mail/mailer.ts';
import { RealtimeHub } from './platform/realtime/realtime-hub.ts';

/** JSON bodies are small (notes, forms); anything larger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 256 * 1024;

export interface App {
  fastify: FastifyInstance;
  routes: RegisteredRoute[];
  firstRunSetup: FirstRunSetupService;
  /** Background work: mail, reminders, retention. Started by `startServer`, not by tests that build the app. */
  jobs: JobQueue;
  interviewEvents: InterviewEventLog;
  /** Known only after listening when PUBLIC_URL is unset and the port is chosen by the OS. */
  publicUrl: { value: string };
}

export const defaultWebDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Wires features to the platform: the one place that knows every part of the server. */
export async function buildApp(
  config: Config,
  database: DatabaseHandle,
  webDistDir = defaultWebDistDir,
): Promise<App> {
  const { db } = database;
  const publicUrl = { value: config.publicUrl ?? '' };
  const fastify = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, serializers: { req: redactedRequestLog } },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
  });
  registerErrorHandling(fastify);
  await fastify.register(cookie);
  await fastify.register(websocket);
  // Only routes that opt in (defineRoute's `rateLimit`) are limited: the candidate portal and feeds.
  await fastify.register(rateLimit, { global: false });
  await registerSecurity(fastify, { publicUrl: config.publicUrl });
  const hub = await RealtimeHub.create(config.databaseUrl);
  fastify.addHook('onClose', () => hub.close());

  const sessions = new SessionStore(
    db,
    config.sessionTtlHours,
    publicUrl.value.startsWith('https:'),
    config.sessionIdleHours,
    config.clock,
    config.sessionCacheSeconds * 1000,
  );
  registerSessionResolution(fastify, sessions);
  // Audit log: sign-ins, staff reads and changes of interview data, exports, API token use.
  const audit = new AuditLog(new AuditRepository(db));
  // Filled below; token resolution reads it per request to know each route's access.
  const routes: RegisteredRoute[] = [];
  const apiTokensRepository = new ApiTokensRepository(db);
  const apiTokens = new ApiTokensService(apiTokensRepository);
  // The organisation's tokens (an ATS): resolved beside personal ones, confined by the same scopes.
  const serviceTokens = new ServiceTokensService(new ServiceTokensRepository(db), audit, config.clock);
  registerApiTokenResolution(fastify, apiTokens, routes, audit, serviceTokens);
  registerIdempotency(fastify, db);
  audit.registerRequestAudit(fastify);
  const usersRepository = new UsersRepository(db, (userId) => sessions.forgetUser(userId));
  const interviewsRepository = new InterviewsRepository(db);
  const interviewEvents = new InterviewEventLog(new InterviewEventsRepository(db, database.dialect));
  audit.subscribe(interviewEvents);
  // Deactivation (by an admin or over SCIM) ends sessions and tokens and frees future panels.
  const deactivation = new AccountDeactivation(
    usersRepository,
    apiTokensRepository,
    sessions,
    new PanelReassignment(interviewsRepository, interviewEvents),
  );
  const singleSignOnRepository = new SingleSignOnRepository(db);
  const singleSignOn = new SingleSignOnService(singleSignOnRepository, usersRepository, sessions, audit, {
    relyingParty: config.singleSignOn ? new RelyingParty(config.singleSignOn) : null,
    groupsClaim: config.singleSignOn?.groupsClaim ?? 'groups',
    publicUrl: () => publicUrl.value,
    clock: config.clock,
  });
  const users = new UsersService(
    usersRepository,
    sessions,
    () => publicUrl.value,
    {
      account: new FailureLimiter(
        db,
        'sign-in',
        {
          freeAttempts: config.signInAttempts,
          firstDelayMs: 1000,
          maxDelayMs: config.signInWindowSeconds * 1000,
          // Long, so waiting out a short ceiling does not earn a fresh set of free guesses.
          forgetAfterMs: 24 * 3600_000,
        },
        config.limitsClock ?? config.clock,
      ),
      // One password tried on many accounts from one address; generous, since an office shares it.
      address: new FailureLimiter(
        db,
        'sign-in-address',
        {
          freeAttempts: config.signInAttempts * 10,
          firstDelayMs: 1000,
          maxDelayMs: config.signInWindowSeconds * 1000,
          forgetAfterMs: 3600_000,
        },
        config.limitsClock ?? config.clock,
      ),
    },
    audit,
    singleSignOn,
    {
      links: await InvitationLinks.load(config.dataDir),
      mailed: config.smtpUrl !== null,
      // The outbox is built further down with the job queue; invitations are sent only once requests arrive.
      send: async (mail) => {
        await outbox.enqueue({ kind: 'colleague_invitation', interviewId: null, mail }, db);
      },
    },
    deactivation,
  );
  const scim = new ScimService(
    new ScimRepository(db, (userId) => sessions.forgetUser(userId)),
    usersRepository,
    singleSignOnRepository,
    deactivation,
    audit,
    { publicUrl: () => publicUrl.value, clock: config.clock },
  );
  const firstRunSetup = new FirstRunSetupService(new FirstRunSetupRepository(db), users);
  // The CLI colleagues install from this server (decision 031).
  const cliDistribution = {
    dir: config.cliDistDir ?? defaultCliDistDir,
    publicUrl: () => publicUrl.value,
  };
  const jobs = new JobQueue(database, {
    leaseSeconds: config.jobLeaseSeconds,
    firstRetrySeconds: config.jobFirstRetrySeconds,
    pollMs: config.jobPollMs,
    clock: config.clock,
    log: (message, error) => fastify.log.error({ err: error }, message),
  });
  // Task preparation: snapshots, rehearsals, and the readiness they prove.
  const snapshotsRepository = new TaskSnapshotsRepository(db);
  const rehearsalsRepository = new RehearsalsRepository(db);
  // Calendar connections: each person's own calendar, read for free/busy while planning.
  const calendarConnectionsRepository = new CalendarConnectionsRepository(db);
  const calendarConnections = new CalendarConnectionsService(
    calendarConnectionsRepository,
    await CalendarSecrets.load(config.dataDir),
    {
      timeoutMs: config.calendarTimeoutMs,
      clock: config.clock,
      allowHosts: config.calendarAllowHosts,
      log: (message, error) => fastify.log.warn({ err: error }, message),
    },
  );
  const freeBusy = new FreeBusyPlanner(calendarConnectionsRepository, calendarConnections, config.clock);
  const preparationReadiness = new TaskPreparationReadiness(snapshotsRepository, rehearsalsRepository);
  // The organisation's settings: planning copies the day's lengths, mail takes its name and voice.
  const settingsRepository = new SettingsRepository(db, {
    ...defaultOrganisationSettings,
    defaultLocale: config.defaultCandidateLocale,
  });
  const settings = new SettingsService(settingsRepository, audit);
  const interviews = new InterviewsService(
    interviewsRepository,
    interviewEvents,
    preparationReadiness,
    config.holidayRegion ? publicHolidays(config.holidayRegion) : undefined,
    freeBusy,
    new CalendarClearedEvidence(new InvitationsRepository(db, settingsRepository), calendarConnections),
    settings,
  );
  const tasks = new TasksService(new TasksRepository(db), audit);
  const taskSnapshots = new TaskSnapshotsService(
    snapshotsRepository,
    tasks,
    interviews,
    new ArchiveUploads(path.join(config.dataDir, 'uploads'), config.taskUploadMaxBytes),
    {
      dataDir: config.dataDir,
      importRoots: config.taskImportRoots ?? [demoTaskDir, path.join(config.dataDir, 'imports')],
      gitNetwork: { allowed: config.taskImportGitAllow },
    },
  );
  const rehearsals = new RehearsalsService(rehearsalsRepository, snapshotsRepository, tasks, {
    sandbox: await createSandbox(config, (message) => fastify.log.warn(message)),
    worker: config.serverRehearsals === 'worker' ? { jobs } : undefined,
    dataDir: config.dataDir,
    machineLabel: `Pairwise server (${os.hostname()})`,
    maxConcurrent: 2,
    log: (message, error) => fastify.log.error({ err: error }, message),
  });
  const notesRepository = new NotesRepository(db);
  const retrospectives = new RetrospectivesService(new RetrospectivesRepository(db), interviews);
  // Bias check: findings on each panel member's texts; submission waits for resolutions.
  const biasCheckRepository = new BiasCheckRepository(db);
  const biasChecks = new BiasCheckService(
    biasCheckRepository,
    notesRepository,
    interviews,
    interviewsRepository,
  );
  const scorecards = new ScorecardsService(
    new ScorecardsRepository(db),
    interviews,
    interviewsRepository,
    interviewEvents,
    biasChecks,
  );
  const reports = new ReportsService(
    new ReportsRepository(db),
    interviews,
    notesRepository,
    retrospectives,
    scorecards,
    interviewsRepository,
    interviewEvents,
  );

  // Candidate repositories: one git repository per interview, served at /git/<slug>.git.
  const logError = (message: string, error: unknown) => fastify.log.error({ err: error }, message);
  // Fresh clones' packs: made when a repository is created, served by the git routes (decision 050).
  const clonePacks = new ClonePackCache();
  const candidateRepositoryStore = new CandidateRepositoryStore({
    root: path.join(config.dataDir, 'repositories'),
    clonePacks,
  });
  const candidateRepositoriesRepository = new CandidateRepositoriesRepository(db);
  const candidateRepositories = new CandidateRepositoriesService(
    candidateRepositoriesRepository,
    candidateRepositoryStore,
    await RepositoryCredentials.load(config.dataDir),
    interviews,
    interviewEvents,
    {
      dataDir: config.dataDir,
      gitStateDir: path.join(config.dataDir, 'git'),
      windowMinutes: config.repositoryWindowMinutes,
      publicUrl: () => publicUrl.value,
      log: logError,
    },
  );
  candidateRepositories.subscribe(interviewEvents);
  fastify.addHook('onClose', () => candidateRepositories.idle());

  // Mail, calendar and the candidate portal. Retries belong to the job queue, so the
  // pool never re-queues on its own, and every SMTP wait ends well inside a job's 60 s lease.
  const mailer = new Mailer({
    smtpUrl: config.smtpUrl ?? undefined,
    from: config.mailFrom ?? undefined,
    smtpOptions: {
      maxRequeues: 0,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
  });
  fastify.addHook('onClose', async () => mailer.close());
  const appUrl = () => publicUrl.value;
  const outbox = new OutboxService(new OutboxRepository(db), mailer, jobs, (trx) => settings.current(trx));
  const portalTokens = new PortalTokens(new PortalTokensRepository(db), config.portalDaysAfterDecision);
  const portalRepository = new PortalRepository(db);
  const invitationsRepository = new InvitationsRepository(db, settingsRepository);
  const dayBeforeReminders = new DayBeforeReminders(invitationsRepository, outbox, portalTokens, jobs, {
    publicUrl: appUrl,
    clock: config.clock,
    cloneOpensMinutesBefore: config.repositoryWindowMinutes,
  });
  const invitations = new InvitationsService(
    interviews,
    invitationsRepository,
    portalRepository,
    appUrl,
    (facts) => dayBeforeReminders.preview(facts),
  );
  const invitationCalendarMail = new InvitationCalendarMail(
    invitationsRepository,
    outbox,
    portalTokens,
    appUrl,
  );
  invitationCalendarMail.subscribe(interviewEvents);
  const accommodationAnswers = new AccommodationAnswers(
    interviews,
    invitationsRepository,
    portalRepository,
    outbox,
    portalTokens,
    interviewEvents,
    appUrl,
    invitations,
  );
  // Connected calendars get the panel's blocks at planning; everyone else by mail with the invitation.
  new CalendarBlocksWriter(invitationsRepository, calendarConnections, jobs, {
    publicUrl: appUrl,
    organizer: () => outbox.sender,
    clock: config.clock,
  }).subscribe(interviewEvents);
  const selfScheduling = new SelfSchedulingService(
    interviews,
    invitationsRepository,
    new SlotOffersRepository(db, database.dialect),
    portalRepository,
    outbox,
    portalTokens,
    interviewEvents,
    appUrl,
    config.clock,
  );
  selfScheduling.subscribe(interviewEvents);
  // Self-scheduling is built after the calendar mail: an offer of times goes out instead of a fixed time.
  invitationCalendarMail.offerInstead = (interviewId, trx) =>
    selfScheduling.sendPendingOffer(interviewId, trx);
  dayBeforeReminders.subscribe(interviewEvents);
  const portal = new PortalService(
    portalTokens,
    portalRepository,
    invitationsRepository,
    interviewEvents,
    outbox,
    retrospectives,
    new CandidatesRepository(db),
    {
      publicUrl: appUrl,
      daysAfterDecision: config.portalDaysAfterDecision,
      pseudoLocale: config.pseudoLocale,
      cloneBlock: (interviewId, locale) => candidateRepositories.portalCloneInstructions(interviewId, locale),
      slots: {
        offer: (facts) => selfScheduling.portalOffer(facts),
        pick: (facts, slotId) => selfScheduling.pick(facts, slotId),
      },
    },
  );
  portal.subscribe(interviewEvents);
  // Calendar replies read from the reply mailbox, polled from the job queue when one is set.
  await new CalendarRepliesService(
    new CalendarRepliesRepository(db),
    invitationsRepository,
    portalRepository,
    interviewEvents,
    jobs,
    {
      mailbox: config.replyImapUrl ? parseMailboxUrl(config.replyImapUrl) : null,
      pollSeconds: config.replyPollSeconds,
      clock: config.clock,
      log: (message, details) => fastify.log.warn(details, message),
    },
  ).start();
  const followUpRepository = new FollowUpRepository(db);
  new DeadlineReminders(
    followUpRepository,
    invitationsRepository,
    outbox,
    jobs,
    appUrl,
    config.holidayRegion ? publicHolidays(config.holidayRegion) : undefined,
  ).subscribe(interviewEvents);
  new ImpressionReportedNotice(invitationsRepository, biasCheckRepository, outbox, appUrl).subscribe(
    interviewEvents,
  );
  // Retention and candidates' data requests: a daily job, its first run enqueued now.
  const retention = new RetentionService(
    new RetentionRepository(db),
    candidateRepositoryStore,
    audit,
    logError,
  );
  await new RetentionJob(retention, jobs).start();
  // Calibration's kept sums: interviews marked changed are summed again in the background too.
  const calibration = new CalibrationService(new CalibrationRepository(db), config.clock);
  await new CalibrationJob(calibration, jobs, config.clock).start();
  // Signed webhooks: a delivery per endpoint queued in the transaction of the change it reports.
  const webhooks = new WebhooksService(new WebhooksRepository(db), jobs, audit, {
    allowed: config.webhookAllowHosts,
    clock: config.clock,
    timeoutMs: config.webhookTimeoutSeconds * 1000,
  });
  webhooks.subscribe(interviewEvents);
  retention.onErasing((candidateId, at, trx) => webhooks.candidateErased(candidateId, at, trx));
  const decisionMessages = new DecisionMessagesService(
    followUpRepository,
    interviews,
    invitationsRepository,
    interviewEvents,
    outbox,
    portalTokens,
    appUrl,
  );

  registerRoutes(fastify, routes, [
    defineRoute({
      method: 'GET',
      url: '/api/health',
      summary: 'Liveness',
      access: 'anonymous',
      response: z.object({ ok: z.literal(true) }),
      handler: async () => ({ ok: true as const }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      access: 'anonymous',
      response: z.record(z.string(), z.unknown()),
      handler: async () => buildOpenApi(routes),
    }),
    ...firstRunSetupRoutes(firstRunSetup, sessions),
    ...usersRoutes(users, sessions),
    ...singleSignOnRoutes(singleSignOn, sessions, { secureCookies: publicUrl.value.startsWith('https:') }),
    ...provisioningRoutes(scim, interviews.reassignment),
    ...cliDistributionRoutes(cliDistribution),
    ...positionsRoutes(new PositionsService(new PositionsRepository(db), audit)),
    ...candidatesRoutes(
      new CandidatesService(new CandidatesRepository(db), organisationDefaultLocale(settings)),
    ),
    ...tasksRoutes(tasks),
    ...taskSnapshotsRoutes(taskSnapshots),
    ...rehearsalsRoutes(rehearsals, fastify),
    ...apiTokensRoutes(apiTokens),
    ...calendarConnectionsRoutes(calendarConnections, freeBusy),
    ...interviewsRoutes(interviews),
    ...workQueueRoutes(
      new WorkQueueService(interviewsRepository, new WorkQueueRepository(db), preparationReadiness),
    ),
    ...notesRoutes(new NotesService(interviews, notesRepository, hub), audit),
    ...pairingRoutes(new PairingService(interviewsRepository, interviews, interviewEvents)),
    ...retrospectivesRoutes(retrospectives),
    ...scorecardsRoutes(scorecards, interviews),
    ...reportsRoutes(reports),
    ...biasCheckRoutes(biasChecks, new BiasTermsService(biasCheckRepository), reports),
    ...invitationsRoutes(invitations, accommodationAnswers),
    ...selfSchedulingRoutes(selfScheduling),
    ...portalRoutes(
      portal,
      new FailureLimiter(db, 'portal', PORTAL_BACKOFF, config.limitsClock ?? config.clock),
    ),
    ...decisionMessageRoutes(decisionMessages),
    ...outboxRoutes(outbox),
    ...calendarFeedRoutes(new CalendarFeedService(new CalendarFeedRepository(db), appUrl)),
    ...candidateFeedbackRoutes(new CandidateFeedbackService(new CandidateFeedbackRepository(db))),
    ...calibrationRoutes(calibration),
    ...candidateRepositoriesRoutes(candidateRepositories),
    ...auditRoutes(audit),
    ...retentionRoutes(retention),
    ...settingsRoutes(settings),
    ...webhooksRoutes(webhooks),
    ...serviceTokensRoutes(serviceTokens),
  ]);

  registerLiveChannel(fastify, routes, {
    interviews,
    interviewsRepository,
    hub,
    events: interviewEvents,
  });
  const gitAccess = new CandidateGitAccess(
    candidateRepositoriesRepository,
    candidateRepositories,
    interviewEvents,
    new FailureLimiter(db, 'git', GIT_BACKOFF, config.limitsClock ?? config.clock),
    logError,
  );
  // git's own requests: Basic credentials only (a session cookie opens nothing there). The spool
  // is persistent, so a push whose recording a crash interrupted is recorded at the next start.
  await registerGitRoutes(fastify, {
    projectRoot: candidateRepositoryStore.root,
    authorize: (input) => gitAccess.authorize(input),
    onPush: (push) => gitAccess.recordPush(push),
    spoolDirectory: path.join(config.dataDir, 'git', 'push-spool'),
    clonePacks,
  });
  await registerArchiveUploadRoute(fastify, routes, taskSnapshots);
  registerCliDownload(fastify, cliDistribution);
  await registerScimRoutes(fastify, scim, audit, {
    bodyLimit: BODY_LIMIT_BYTES,
    publicUrl: () => publicUrl.value,
  });
  await serveWebApp(fastify, webDistDir);
  // Renamed so that each concept has one name: the colleague's account invitation (not the
  // candidate's interview invitation) and the first-run setup (not the interview's setup stage).
  registerMovedRoutes(fastify, [
    { method: 'POST', from: '/api/invitations/accept', to: usersApi.acceptAccountInvitation.path },
    { method: 'GET', from: '/api/setup', to: firstRunSetupApi.status.path },
    { method: 'POST', from: '/api/setup', to: firstRunSetupApi.complete.path },
  ]);
  return { fastify, routes, firstRunSetup, publicUrl, jobs, interviewEvents };
}

/** The single-page app: static assets, and index.html for every other non-API path. */
async function serveWebApp(fastify: FastifyInstance, webDistDir: string): Promise<void> {
  const index = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(index)) {
    fastify.log.warn(`No web build at ${webDistDir}; run "npm run build". The API still works.`);
    registerNotFound(fastify, null);
    return;
  }
  await fastify.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false });
  registerNotFound(fastify, fs.readFileSync(index));
}

/**
 * Probed once at start-up, so a server that cannot sandbox says so now, not at the first rehearsal.
 * Chosen explicitly, a missing sandbox stops the server; left unset, the server starts without
 * server rehearsals (never with unsandboxed ones) and says why.
 */
async function createSandbox(
  config: Config,
  warn: (message: string) => void,
): Promise<RehearsalSandbox | null> {
  // With a separate worker this node runs no task commands, so it needs no sandbox either.
  if (config.serverRehearsals === 'off' || config.serverRehearsals === 'worker') return null;
  try {
    return await RehearsalSandbox.create(config.rehearsalLimits, { egress: config.rehearsalEgressHosts });
  } catch (error) {
    if (config.serverRehearsals === 'sandbox-if-possible') {
      warn(
        `Server rehearsals are off: this machine cannot create the rehearsal sandbox (${(error as Error).message}). ` +
          'Install bubblewrap (Debian: apt-get install bubblewrap) and restart, or set SERVER_REHEARSALS=sandbox ' +
          'to refuse to start without it.',
      );
      return null;
    }
    throw new ConfigError(
      `SERVER_REHEARSALS=sandbox, but this machine cannot create the rehearsal sandbox: ${(error as Error).message}. ` +
        'Install bubblewrap (Debian: apt-get install bubblewrap) and allow unprivileged user namespaces, ' +
        "or set SERVER_REHEARSALS=off so that only `pairwise rehearse` on colleagues' machines rehearses tasks.",
    );
  }
}
