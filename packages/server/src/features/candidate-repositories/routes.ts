import { candidateRepositoriesApi, idParams } from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute, implement } from '../../platform/http/route.ts';
import type { CandidateRepositoriesService } from './service.ts';

/** Staff routes: status and actions for the navigator, read-only code for the panel. git itself is at /git/. */
export function candidateRepositoriesRoutes(repositories: CandidateRepositoriesService) {
  return [
    implement(candidateRepositoriesApi.status, {
      summary:
        "The candidate repository's window, clone URL and pushes so far; the clone block for the navigator while open",
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ repository: await repositories.status(actor, params.id) }),
    }),
    implement(candidateRepositoriesApi.setWindow, {
      summary: 'Invite the candidate to the repository now (open: true) or close it (open: false)',
      access: 'signed_in',
      handler: async ({ actor, params, body }) => ({
        repository: await repositories.setWindow(actor, params.id, body.open, body.startEarly === true),
      }),
    }),
    implement(candidateRepositoriesApi.rotateCredentials, {
      summary: "Rotate the candidate's repository password; the old one stops working at once",
      access: 'signed_in',
      handler: async ({ actor, params }) => ({
        repository: await repositories.rotateCredentials(actor, params.id),
      }),
    }),
    implement(candidateRepositoriesApi.pushes, {
      summary: 'Every push to the candidate repository, oldest first, with commits and files',
      access: 'signed_in',
      handler: async ({ actor, params }) => ({ pushes: await repositories.pushes(actor, params.id) }),
    }),
    implement(candidateRepositoriesApi.tree, {
      summary: 'The files on main as last pushed',
      access: 'signed_in',
      handler: async ({ actor, params }) => repositories.tree(actor, params.id),
    }),
    implement(candidateRepositoriesApi.file, {
      summary: 'One file on main (text; binary files are flagged and left out)',
      access: 'signed_in',
      handler: async ({ actor, params, query }) => repositories.file(actor, params.id, query.path),
    }),
    implement(candidateRepositoriesApi.diff, {
      summary: 'What the candidate changed: the starting snapshot against main',
      access: 'signed_in',
      handler: async ({ actor, params }) => repositories.diff(actor, params.id),
    }),
    // A file, not JSON: no contract.
    defineRoute({
      method: 'GET',
      url: '/api/interviews/:id/repository/archive',
      summary: 'main as a .tar.gz download',
      access: 'signed_in',
      params: idParams,
      response: z.unknown(),
      handler: async ({ actor, params, reply }) => {
        const { fileName, stream } = await repositories.archive(actor, params.id);
        reply
          .type('application/gzip')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('cache-control', 'private, no-store');
        return stream;
      },
    }),
  ];
}
