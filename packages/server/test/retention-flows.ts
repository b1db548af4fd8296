import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import type { World } from './harness.ts';

/** One candidate's interview with a row in every table that holds candidate data. */
export interface Seeded {
  candidateId: string;
  interviewId: string;
  noteId: string;
  slug: string;
  email: string;
  copyRequestId: string;
  erasureRequestId: string;
}

const daysAgo = (days: number) => DateTime.utc().minus({ days }).toISO();

export async function seedCandidate(
  db: DatabaseHandle['db'],
  world: World,
  label: string,
  decidedDaysAgo: number,
) {
  const candidateId = randomUUID();
  const interviewId = randomUUID();
  const noteId = randomUUID();
  const email = `${label}@example.com`;
  const slug = `shopping-list-${label}`;
  const decidedAt = daysAgo(decidedDaysAgo);
  const at = daysAgo(decidedDaysAgo + 3);
  await db
    .insertInto('candidates')
    .values({
      id: candidateId,
      name: `Candidate ${label}`,
      email,
      time_zone: 'Europe/Berlin',
      pronouns: 'they/them',
      accommodations: `${label} needs extra time`,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('interviews')
    .values({
      id: interviewId,
      candidate_id: candidateId,
      position_id: world.ids.position,
      task_id: world.ids.task,
      navigator_id: world.ids.navigator,
      starts_at: at,
      time_zone: 'Europe/Berlin',
      place: 'Room 3',
      stage: 'decided',
      pairing_minutes: 60,
      setup_budget_sec: 300,
      calendar_sequence: 0,
      checklist: '{}',
      difficulty_plan: '[]',
      wellness: `${label} wellness`,
      setup_started_at: at,
      pairing_started_at: at,
      pairing_ended_at: at,
      break_started_at: null,
      retrospective_started_at: at,
      refinement_started_at: at,
      repository_deletion_confirmed_at: null,
      snapshot_id: null,
      created_at: at,
      updated_at: decidedAt,
    })
    .execute();
  await db
    .insertInto('interview_events')
    .values({
      id: randomUUID(),
      interview_id: interviewId,
      seq: 1,
      type: 'decided',
      at: decidedAt,
      actor_id: world.ids.lineManager,
      payload: JSON.stringify({ reason: `${label} event detail` }),
    })
    .execute();
  await db
    .insertInto('notes')
    .values({
      id: noteId,
      interview_id: interviewId,
      author_id: world.ids.navigator,
      stage: 'pairing',
      offset_ms: 1000,
      text: `${label} wrote a failing test first`,
      tags: '[]',
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .execute();
  await db
    .insertInto('note_revisions')
    .values({ id: randomUUID(), note_id: noteId, text: `${label} draft note`, tags: '[]', revised_at: at })
    .execute();
  await db
    .insertInto('scorecards')
    .values({
      interview_id: interviewId,
      author_id: world.ids.navigator,
      ratings: JSON.stringify({ testing: { score: 4, evidence: `${label} rating evidence` } }),
      impression: `${label} impression`,
      recommendation: 'hire',
      bias_checklist: '{}',
      submitted_at: at,
      updated_at: at,
      impression_drafted_at: at,
    })
    .execute();
  await db
    .insertInto('retrospectives')
    .values({
      interview_id: interviewId,
      shared_note_ids: JSON.stringify([noteId]),
      answers: JSON.stringify({ solution: `${label} answer`, learned: '', change: '' }),
      deadline: null,
      next_steps: `${label} next steps`,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('decisions')
    .values({
      interview_id: interviewId,
      outcome: 'hire',
      note: `${label} decision note`,
      decided_by: world.ids.lineManager,
      decided_at: decidedAt,
    })
    .execute();
  await db
    .insertInto('portal_tokens')
    .values({ token_hash: `hash-${label}`, interview_id: interviewId, created_at: at, expires_at: decidedAt })
    .execute();
  await db
    .insertInto('outbox_messages')
    .values({
      id: randomUUID(),
      kind: 'invitation',
      interview_id: interviewId,
      dedupe_key: `invitation-${label}`,
      message_id: `<${label}@pairwise>`,
      envelope: JSON.stringify({ from: 'pairwise@example.com', to: [email] }),
      subject: `Your interview, ${label}`,
      raw: `To: ${email}\r\n\r\nHello ${label}`,
      text_body: `Hello ${label}`,
      calendar_method: null,
      calendar: null,
      status: 'sent',
      attempts: 1,
      lease: null,
      last_error: null,
      smtp_response: '250 OK',
      created_at: at,
      sending_at: at,
      sent_at: at,
      recipient: email,
    })
    .execute();
  await db
    .insertInto('pushes')
    .values({
      id: randomUUID(),
      interview_id: interviewId,
      at,
      offset_ms: 2000,
      remote_user: `user-${label}`,
      refs: '[]',
      commits: JSON.stringify([{ message: `${label} commit message`, files: ['src/list.ts'] }]),
      commits_truncated: 0,
    })
    .execute();
  await db
    .insertInto('candidate_repositories')
    .values({
      interview_id: interviewId,
      slug,
      username: `user-${label}`,
      password_hash: 'hash',
      credential_generation: 1,
      credentials_rotated_at: null,
      snapshot_id: null,
      snapshot_commit: null,
      seeded_at: at,
      first_access_at: at,
      window_opened_at: at,
      window_closed_at: at,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('bias_resolutions')
    .values({
      id: randomUUID(),
      interview_id: interviewId,
      author_id: world.ids.navigator,
      target: 'note',
      target_id: noteId,
      rule_id: 'culture-fit',
      phrase: 'culture fit',
      resolution: 'kept',
      reason: `${label} bias reason`,
      resolved_at: at,
    })
    .execute();
  await db
    .insertInto('accommodation_requests')
    .values({ id: randomUUID(), interview_id: interviewId, text: `${label} accommodation`, created_at: at })
    .execute();
  const copyRequestId = randomUUID();
  const erasureRequestId = randomUUID();
  for (const [id, kind] of [
    [copyRequestId, 'copy'],
    [erasureRequestId, 'erasure'],
  ] as const) {
    await db
      .insertInto('data_requests')
      .values({
        id,
        interview_id: interviewId,
        kind,
        created_at: daysAgo(2),
        processed_at: null,
        due_at: null,
      })
      .execute();
  }
  const gitDir = path.join(world.server.dataDir, 'repositories', `${slug}.git`);
  fs.mkdirSync(gitDir, { recursive: true });
  fs.writeFileSync(path.join(gitDir, 'HEAD'), 'ref: refs/heads/main\n');
  return { candidateId, interviewId, noteId, slug, email, copyRequestId, erasureRequestId } satisfies Seeded;
}
