import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from './config.ts';
import { CandidatesService, candidatesRoutes } from './features/candidates/candidates.ts';
import { InterviewEventLog } from './features/interviews/event-log.ts';
import { InterviewsRepository } from './features/interviews/repository.ts';
import { interviewsRoutes } from './features/interviews/routes.ts';
import { InterviewsService } from './features/interviews/service.ts';
import { registerLiveChannel } from './features/live/live.ts';
import { NotesRepository } from './features/notes/repository.ts';
import { notesRoutes } from './features/notes/routes.ts';
import { NotesService } from './features/notes/service.ts';
import { PairingService, pairingRoutes } from './features/pairing/pairing.ts';
import { PositionsService, positionsRoutes } from './features/positions/positions.ts';
import { ReportsService, reportsRoutes } from './features/reports/reports.ts';
import { RetrospectivesService, retrospectivesRoutes } from './features/retrospectives/retrospectives.ts';
import { ScorecardsService, scorecardsRoutes } from './features/scorecards/scorecards.ts';
import { setupRoutes } from './features/setup/routes.ts';
import { SetupService } from './features/setup/service.ts';
import { TasksService, tasksRoutes } from './features/tasks/tasks.ts';
import { UsersRepository } from './features/users/repository.ts';
import { usersRoutes } from './features/users/routes.ts';
import { UsersService } from './features/users/service.ts';
import { registerSessionResolution, SessionStore } from './platform/auth/sessions.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { registerErrorHandling, registerNotFound } from './platform/http/errors.ts';
import { buildOpenApi } from './platform/http/openapi.ts';
import { defineRoute, type RegisteredRoute, registerRoutes } from './platform/http/route.ts';
import { JobQueue } from './platform/jobs/job-queue.ts';
import { RealtimeHub } from './platform/realtime/realtime-hub.ts';

/** JSON bodies are small (notes, forms); anything larger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 256 * 1024;

export interface App {
  fastify: FastifyInstance;
  routes: RegisteredRoute[];
  setup: SetupService;
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
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: false,
  });
  registerErrorHandling(fastify);
  await fastify.register(cookie);
  await fastify.register(websocket);
  const hub = await RealtimeHub.create(config.databaseUrl);
  fastify.addHook('onClose', () => hub.close());

  const sessions = new SessionStore(db, config.sessionTtlHours, publicUrl.value.startsWith('https:'));
  registerSessionResolution(fastify, sessions);

  const users = new UsersService(new UsersRepository(db), sessions, () => publicUrl.value);
  const setup = new SetupService(db, users);
  const interviewsRepository = new InterviewsRepository(db);
  const jobs = new JobQueue(database, {
    log: (message, error) => fastify.log.error({ err: error }, message),
  });
  const interviewEvents = new InterviewEventLog(db, database.dialect);
  const interviews = new InterviewsService(db, interviewsRepository, interviewEvents);
  const notesRepository = new NotesRepository(db);
  const retrospectives = new RetrospectivesService(db, interviews);
  const scorecards = new ScorecardsService(db, interviews, interviewsRepository, interviewEvents);
  const reports = new ReportsService(
    db,
    interviews,
    notesRepository,
    retrospectives,
    scorecards,
    interviewsRepository,
    interviewEvents,
  );

  const routes: RegisteredRoute[] = [];
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
    ...setupRoutes(setup),
    ...usersRoutes(users, sessions),
    ...positionsRoutes(new PositionsService(db)),
    ...candidatesRoutes(new CandidatesService(db)),
    ...tasksRoutes(new TasksService(db)),
    ...interviewsRoutes(interviews),
    ...notesRoutes(new NotesService(interviews, notesRepository, hub)),
    ...pairingRoutes(new PairingService(db, interviews, interviewEvents)),
    ...retrospectivesRoutes(retrospectives),
    ...scorecardsRoutes(scorecards, interviews),
    ...reportsRoutes(reports),
  ]);

  registerLiveChannel(fastify, routes, { db, interviews, hub, events: interviewEvents });
  await serveWebApp(fastify, webDistDir);
  return { fastify, routes, setup, publicUrl, jobs, interviewEvents };
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
