import { taskSnapshotParams, taskSnapshotsApi } from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import {
  defineRoute,
  fileBytes,
  implement,
  type RegisteredRoute,
  registerRoutes,
} from '../../platform/http/route.ts';
import { CLI_ROUTE_PREFIX } from '../api-tokens/api-tokens.ts';
import type { TaskSnapshotsService } from './service.ts';

export function taskSnapshotsRoutes(snapshots: TaskSnapshotsService) {
  return [
    implement(taskSnapshotsApi.addDemo, {
      summary: 'Add the bundled demo task with its starting point exported (201; 200 when it exists)',
      access: 'signed_in',
      handler: async ({ actor, reply }) => {
        const result = await snapshots.addDemoTask(actor);
        reply.status(result.created ? 201 : 200);
        return result;
      },
    }),
    implement(taskSnapshotsApi.preview, {
      summary: 'Preview an export: the file tree, what is dropped, and every secret-scan finding',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        preview: await snapshots.preview(actor, params.id, body),
      }),
    }),
    implement(taskSnapshotsApi.export, {
      summary: 'Export a new snapshot of the task; 422 with the findings in `details` while a secret blocks',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => snapshots.export(actor, params.id, body),
    }),
    implement(taskSnapshotsApi.list, {
      summary: "The task's snapshots, newest first",
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ snapshots: await snapshots.list(actor, params.id) }),
    }),
    implement(taskSnapshotsApi.get, {
      summary: 'One snapshot with its file tree',
      access: 'signed_in',
      handler: async ({ actor, params }) => snapshots.get(actor, params.id, params.snapshotId),
    }),
    // A file, not JSON: no contract, the CLI downloads it by path.
    defineRoute({
      method: 'GET',
      url: `${CLI_ROUTE_PREFIX}tasks/:id/snapshots/:snapshotId/archive`,
      summary: 'A snapshot as .tar.gz (git archive), for `pairwise rehearse`; accepts an API token',
      access: 'signed_in',
      params: taskSnapshotParams,
      response: fileBytes('application/gzip'),
      handler: async ({ actor, params, reply }) => {
        const archive = await snapshots.archive(actor, params.id, params.snapshotId);
        reply
          .type('application/gzip')
          .header('content-disposition', `attachment; filename="${archive.fileName}"`)
          .header('cache-control', 'private, no-store');
        return archive.data;
      },
    }),
    implement(taskSnapshotsApi.chooseForInterview, {
      summary: "Choose which snapshot of the task the candidate's repository starts from (before setup)",
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        interview: await snapshots.chooseForInterview(actor, params.id, body.snapshotId),
      }),
    }),
  ];
}

const archiveContentTypes = [
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/octet-stream',
];

/**
 * The archive upload takes the file itself as the body, streamed to disk with its own size limit
 * (TASK_UPLOAD_MAX_MIB), so the content-type parser is scoped to this one route and the app's
 * 256 KiB JSON limit stays as it is everywhere else.
 */
export async function registerArchiveUploadRoute(
  fastify: FastifyInstance,
  registry: RegisteredRoute[],
  snapshots: TaskSnapshotsService,
): Promise<void> {
  await fastify.register(async (scope) => {
    scope.addContentTypeParser(archiveContentTypes, (_request, payload, done) => done(null, payload));
    registerRoutes(scope, registry, [
      implement(taskSnapshotsApi.upload, {
        summary:
          'Upload a task archive (.zip, .tar.gz) as the raw body (application/zip or application/gzip) for a later export',
        access: 'signed_in',
        handler: async ({ actor, params, query, request }) => {
          const declared = Number(request.headers['content-length']);
          const upload = await snapshots.upload(actor, params.id, request.body, {
            name: query.name,
            declaredBytes: Number.isFinite(declared) ? declared : undefined,
          });
          return { upload };
        },
      }),
    ]);
  });
}
