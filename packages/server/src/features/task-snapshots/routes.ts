import {
  archiveUploadQuery,
  archiveUploadResponse,
  chooseSnapshotRequest,
  demoTaskResponse,
  exportPreviewResponse,
  exportRequest,
  idParams,
  interviewDetail,
  taskSnapshotDetail,
  taskSnapshotList,
  taskSnapshotParams,
} from '@pairwise/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RegisteredRoute, registerRoutes } from '../../platform/http/route.ts';
import { CLI_ROUTE_PREFIX } from '../api-tokens/api-tokens.ts';
import type { TaskSnapshotsService } from './service.ts';

export function taskSnapshotsRoutes(snapshots: TaskSnapshotsService) {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/tasks/demo',
      summary: 'Add the bundled demo task with its starting point exported (201; 200 when it exists)',
      access: 'signed_in',
      response: demoTaskResponse,
      handler: async ({ actor, reply }) => {
        const result = await snapshots.addDemoTask(actor);
        reply.status(result.created ? 201 : 200);
        return result;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tasks/:id/snapshot-preview',
      summary: 'Preview an export: the file tree, what is dropped, and every secret-scan finding',
      access: 'signed_in',
      params: idParams,
      body: exportRequest,
      response: exportPreviewResponse,
      handler: async ({ actor, params, body }) => ({
        preview: await snapshots.preview(actor, params.id, body),
      }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tasks/:id/snapshots',
      summary: 'Export a new snapshot of the task; 422 with the findings in `details` while a secret blocks',
      access: 'signed_in',
      status: 201,
      params: idParams,
      body: exportRequest,
      response: taskSnapshotDetail,
      handler: async ({ actor, params, body }) => snapshots.export(actor, params.id, body),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tasks/:id/snapshots',
      summary: "The task's snapshots, newest first",
      access: 'signed_in',
      params: idParams,
      response: taskSnapshotList,
      handler: async ({ actor, params }) => ({ snapshots: await snapshots.list(actor, params.id) }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/tasks/:id/snapshots/:snapshotId',
      summary: 'One snapshot with its file tree',
      access: 'signed_in',
      params: taskSnapshotParams,
      response: taskSnapshotDetail,
      handler: async ({ actor, params }) => snapshots.get(actor, params.id, params.snapshotId),
    }),
    defineRoute({
      method: 'GET',
      url: `${CLI_ROUTE_PREFIX}tasks/:id/snapshots/:snapshotId/archive`,
      summary: 'A snapshot as .tar.gz (git archive), for `pairwise rehearse`; accepts an API token',
      access: 'signed_in',
      params: taskSnapshotParams,
      response: z.string().describe('application/gzip'),
      handler: async ({ actor, params, reply }) => {
        const archive = await snapshots.archive(actor, params.id, params.snapshotId);
        reply
          .type('application/gzip')
          .header('content-disposition', `attachment; filename="${archive.fileName}"`)
          .header('cache-control', 'private, no-store');
        return archive.data;
      },
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/interviews/:id/snapshot',
      summary: "Choose which snapshot of the task the candidate's repository starts from (before setup)",
      access: 'signed_in',
      params: idParams,
      body: chooseSnapshotRequest,
      response: z.object({ interview: interviewDetail }),
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
      defineRoute({
        method: 'POST',
        url: '/api/tasks/:id/archive-uploads',
        summary:
          'Upload a task archive (.zip, .tar.gz) as the raw body (application/zip or application/gzip) for a later export',
        access: 'signed_in',
        status: 201,
        params: idParams,
        query: archiveUploadQuery,
        response: archiveUploadResponse,
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
