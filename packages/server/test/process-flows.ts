import { randomUUID } from 'node:crypto';
import { biasChecklistIds, defaultFocusAttributes } from '@pairwise/domain';
import { type Client, expectStatus, type World } from './harness.ts';

/**
 * One interview driven the way the process promises allow it, with every confirmation a real
 * day would need because a test cannot wait an hour: the planned start is in 2030, so check-in
 * and setup are "early", and pairing, the break and refinement are cut short on purpose.
 */
export const go = (client: Client, id: string, body: Record<string, unknown>) =>
  expectStatus(client.post(`/api/interviews/${id}/transitions`, body), 200);

export async function sendInvitation(world: World, id: string) {
  const { invitation } = await expectStatus(world.navigator.get(`/api/interviews/${id}/invitation`), 200);
  await expectStatus(
    world.navigator.post(`/api/interviews/${id}/invitation`, {
      previewDigest: invitation.previewDigest,
      notReadyReason: 'A test interview: nothing to rehearse.',
    }),
    200,
  );
}

export async function note(client: Client, id: string, text: string, tags: string[]) {
  const noteId = randomUUID();
  await expectStatus(
    client.put(`/api/interviews/${id}/notes/${noteId}`, { text, tags, offsetMs: 60_000 }),
    200,
  );
  return noteId;
}

export const completeChecklist = () =>
  Object.fromEntries(biasChecklistIds.map((b) => [b, { reflected: true, comment: '' }]));

export function scorecardFor(evidence: string[], impression = 'Worked in small, tested steps.') {
  return {
    ratings: defaultFocusAttributes.map((a, index) => ({
      attribute: a.id,
      score: 3,
      evidenceNoteIds: [evidence[index % evidence.length]!],
    })),
    impression,
    recommendation: 'yes',
    biasChecklist: completeChecklist(),
  };
}

/** Planned → refinement, with a positive note and a concern by the navigator and a note by the shadow. */
export async function driveToRefinement(world: World, overrides: Record<string, unknown> = {}) {
  const { navigator, shadow } = world;
  const id = await world.planInterview(overrides);
  await sendInvitation(world, id);
  await expectStatus(navigator.post(`/api/interviews/${id}/wellness`, { well: true, startEarly: true }), 200);
  await go(navigator, id, { action: 'start_setup', startEarly: true });
  await go(navigator, id, { action: 'start_pairing' });
  const positive = await note(navigator, id, 'Wrote the failing test first', ['positive', 'tdd']);
  const positive2 = await note(navigator, id, 'Named the parser after the domain', ['positive', 'design']);
  const concern = await note(navigator, id, 'Left a long method', ['concern']);
  const shadowNote = await note(shadow, id, 'Shadow private: asked about the edge cases', ['communication']);
  await go(navigator, id, { action: 'end_pairing', confirmEarly: true });
  await expectStatus(navigator.post(`/api/interviews/${id}/repository-deletion`, { confirmed: true }), 200);
  await go(navigator, id, { action: 'start_break' });
  await go(navigator, id, { action: 'start_retrospective', confirmEarly: true });
  await expectStatus(
    navigator.put(`/api/interviews/${id}/retrospective`, {
      sharedNoteIds: [positive],
      answers: { solution: 'Neat', learned: 'node --test', change: 'Extract a formatter' },
      deadline: '2030-03-20',
      nextSteps: 'Lena will be in touch.',
    }),
    200,
  );
  await go(navigator, id, { action: 'start_refinement' });
  return { id, notes: { positive, positive2, concern, shadowNote } };
}

/** The navigator submits, which reports the interview; the shadow is still refining. */
export async function navigatorSubmits(world: World, id: string, evidence: string[]) {
  await expectStatus(world.navigator.put(`/api/interviews/${id}/scorecard`, scorecardFor(evidence)), 200);
  return expectStatus(
    world.navigator.post(`/api/interviews/${id}/scorecard/submit`, { confirmEarly: true }),
    200,
  );
}

/**
 * One lifecycle step for tests about something else, with whatever the process asks for on a
 * day that is not the interview's: the invitation from its preview, "start early", and the
 * confirmation to cut protected time short.
 */
export async function step(client: Client, id: string, action: string) {
  if (action === 'invite') {
    const { invitation } = await expectStatus(client.get(`/api/interviews/${id}/invitation`), 200);
    return expectStatus(
      client.post(`/api/interviews/${id}/invitation`, {
        previewDigest: invitation.previewDigest,
        notReadyReason: 'A test about something else.',
      }),
      200,
    );
  }
  const extra =
    action === 'start_setup'
      ? { startEarly: true }
      : action === 'end_pairing' || action === 'start_retrospective'
        ? { confirmEarly: true }
        : {};
  return expectStatus(client.post(`/api/interviews/${id}/transitions`, { action, ...extra }), 200);
}

export interface RescheduleBody {
  startsAtLocal: string;
  timeZone: string;
  reason: 'candidate_unwell' | 'candidate_request' | 'interviewer_request' | 'other';
}

/** Moves the interview the way the UI does: preview what the candidate will get, then send exactly that. */
export async function rescheduleInterview(
  client: Client,
  id: string,
  body: RescheduleBody & { confirmOverlap?: boolean },
) {
  const { previewDigest } = await expectStatus(
    client.post(`/api/interviews/${id}/reschedule/preview`, body),
    200,
  );
  return expectStatus(client.post(`/api/interviews/${id}/reschedule`, { ...body, previewDigest }), 200);
}

/** Cancels the interview the way the UI does: preview the candidate's mail, then send exactly that. */
export async function cancelInterview(client: Client, id: string, reason?: string) {
  const { previewDigest } = await expectStatus(
    client.post(`/api/interviews/${id}/cancellation/preview`, {}),
    200,
  );
  return expectStatus(
    client.post(`/api/interviews/${id}/cancellation`, { ...(reason ? { reason } : {}), previewDigest }),
    200,
  );
}
