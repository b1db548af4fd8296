import {
  type InterviewSummary,
  type interviewListQuery,
  panelMemberState,
  searchWords,
} from '@pairwise/domain';
import type { z } from 'zod';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import { toPage } from '../../platform/db/keyset.ts';
import type { InterviewListFilter, InterviewScope } from './list-queries.ts';
import { interviewRoles } from './policy.ts';
import type { InterviewsRepository } from './repository.ts';

/**
 * One page of the interviews the actor may see. An admin's is one query; anyone else's is the
 * union of the interviews they navigate, shadow and manage, each read a page deep from its own
 * index and merged here, so a navigator with thousands of interviews reads about one page.
 */
export async function listInterviews(
  repository: InterviewsRepository,
  actor: Actor,
  query: z.output<typeof interviewListQuery>,
): Promise<{ interviews: InterviewSummary[]; nextCursor: string | null }> {
  const filter: InterviewListFilter = {
    stages: query.stages,
    positionId: query.positionId,
    navigatorId: query.navigatorId,
    from: query.from ? toIsoUtc(query.from) : undefined,
    to: query.to ? toIsoUtc(query.to) : undefined,
    words: query.q ? searchWords(query.q) : [],
    order: query.order,
    cursor: query.cursor,
    limit: query.limit,
  };
  const scopes: InterviewScope[] = [];
  if (hasRole(actor, 'admin')) scopes.push({ kind: 'all' });
  else {
    if (hasRole(actor, 'interviewer')) {
      scopes.push({ kind: 'navigator', userId: actor.id }, { kind: 'shadow', userId: actor.id });
    }
    if (hasRole(actor, 'line_manager')) {
      // One scope per position: each reads its own (position, start) index range in order.
      for (const positionId of await repository.managedPositionIds(actor.id)) {
        scopes.push({ kind: 'position', positionId });
      }
    }
  }
  const direction = query.order === 'asc' ? 1 : -1;
  const keys = new Map<string, string>();
  for (const scope of scopes) {
    for (const row of await repository.pageKeys(filter, scope)) keys.set(row.id, row.starts_at);
  }
  const ordered = [...keys]
    .map(([id, startsAt]) => ({ id, startsAt }))
    .sort(
      (a, b) =>
        direction * (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id < b.id ? -1 : 1),
    );
  const page = toPage(ordered, query.limit, (row) => [row.startsAt, row.id]);
  const pageIds = page.rows.map((row) => row.id);
  const [{ rows, shadows }, submitted] = await Promise.all([
    repository.summaries(pageIds),
    repository.submittedBy(actor.id, pageIds),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const interviews = page.rows.flatMap(({ id }) => {
    const row = byId.get(id);
    if (!row) return [];
    const myRoles = interviewRoles(actor, {
      navigatorId: row.navigator_id,
      shadowIds: shadows.get(row.id) ?? [],
      lineManagerId: row.line_manager_id,
    });
    if (myRoles.length === 0) return [];
    const onPanel = row.navigator_id === actor.id || (shadows.get(row.id) ?? []).includes(actor.id);
    return [
      {
        id: row.id,
        candidateName: row.candidate_name,
        positionTitle: row.position_title,
        taskTitle: row.task_title,
        navigatorName: row.navigator_name,
        startsAt: row.starts_at,
        timeZone: row.time_zone,
        stage: row.stage,
        myRoles,
        myPanelState: onPanel ? panelMemberState(row.stage, submitted.has(row.id)) : null,
      },
    ];
  });
  return { interviews, nextCursor: page.nextCursor };
}

/** Stored times are UTC ISO strings; a bound given with another offset is compared in UTC. */
const toIsoUtc = (value: string) => new Date(value).toISOString();
