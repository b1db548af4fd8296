/**
 * Seeds a company's worth of history straight into the database (SQLite or PostgreSQL), far
 * faster than the API could: users, positions, tasks, candidates, interviews with their events,
 * panels, notes, scorecards, retrospectives, decisions, outbox messages, calendar blocks, audit
 * entries and data requests. The data are deterministic (a seeded PRNG), so two runs compare.
 *
 * Shape at scale 1: 100,000 interviews, 1,000,000 notes; three navigators with 3,333 interviews
 * each (the others about 2,500); one interview with 3,000 notes; one interview in pairing for the live path.
 */
import { randomUUID } from 'node:crypto';
import { candidateSearchTerms, defaultFocusAttributes, withAttributeIds } from '@pairwise/domain';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import { hashToken, randomToken } from '../../packages/server/src/platform/auth/tokens.ts';

type Row = Record<string, string | number | null>;

export interface SeedWriter {
  insert(table: string, rows: Row[]): Promise<void>;
  finish(): Promise<void>;
}

export function sqliteWriter(file: string): SeedWriter {
  const db = new SqliteDatabase(file);
  // Only while seeding: the server reopens the file with its own FULL durability.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const key = `${table}:${columns.join(',')}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = db.prepare(
          `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(',')}) VALUES (${columns.map((c) => `@${c}`).join(',')})`,
        );
        statements.set(key, statement);
      }
      const run = statement;
      db.transaction(() => {
        for (const row of rows) run.run(row);
      })();
    },
    async finish() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export function postgresWriter(url: string): SeedWriter {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      await connected;
      const columns = Object.keys(rows[0]!);
      // PostgreSQL takes at most 65,535 parameters per statement.
      const perStatement = Math.floor(60_000 / columns.length);
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const values: unknown[] = [];
        const tuples = chunk.map((row) => {
          const placeholders = columns.map((column) => {
            values.push(row[column]);
            return `$${values.length}`;
          });
          return `(${placeholders.join(',')})`;
        });
        await client.query(
          `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${tuples.join(',')}`,
          values,
        );
      }
    },
    async finish() {
      await connected;
      // Autovacuum would do this within minutes on a real server; the benchmark cannot wait for it.
      // VACUUM too, not only ANALYZE: a million fresh rows otherwise leave the visibility map empty
      // (no index-only scans) and autovacuum's pass over them falls into the timed requests.
      await client.query('VACUUM ANALYZE');
      await client.end();
    },
  };
}

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic UUID-shaped ids, so a re-seed at the same scale names the same rows. */
const uuid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const FIRST = ['Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Hamilton',
  'Thompson',
  'Liskov',
  'Ritchie',
  'Allen',
];
const STAGES_PAST = [
  ['decided', 0.6],
  ['cancelled', 0.15],
  ['no_show', 0.05],
  ['reported', 0.1],
  ['refinement', 0.1],
] as const;
const NOTE_WORDS =
  'wrote a failing test first then asked about the edge case of an empty list and refactored the loop into a map with a clear name while explaining the trade off'.split(
    ' ',
  );

export const seededWorld = z.object({
  interviews: z.number(),
  notes: z.number(),
  /** Session cookies (`pw_session=…`) for the signed-in users the benchmark acts as. */
  cookies: z.object({ admin: z.string(), navigator: z.string(), lineManager: z.string() }),
  /** The heavy navigator's calendar feed token. */
  feedToken: z.string(),
  bigInterviewId: z.string(),
  liveInterviewId: z.string(),
  someCandidateId: z.string(),
  rowCounts: z.record(z.string(), z.number()),
});
export type SeededWorld = z.infer<typeof seededWorld>;

export async function seedScale(
  writer: SeedWriter,
  scale: number,
  /** Whether the schema has candidate search terms (migration 015), to fill them as the app does. */
  searchTerms: boolean,
): Promise<SeededWorld> {
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const DAY = 86_400_000;
  const counts: Record<string, number> = {};
  const buffers = new Map<string, Row[]>();
  let buffered = 0;
  const flush = async () => {
    // Tables in the order they were first added, so parents land before the rows that refer to them.
    for (const [table, rows] of buffers) {
      await writer.insert(table, rows);
      buffers.set(table, []);
    }
    buffered = 0;
  };
  const add = async (table: string, row: Row) => {
    counts[table] = (counts[table] ?? 0) + 1;
    const buffer = buffers.get(table) ?? [];
    buffers.set(table, buffer);
    buffer.push(row);
    if (++buffered >= 20_000) await flush();
  };

  const INTERVIEWS = Math.round(100_000 * scale);
  const NOTES = Math.round(1_000_000 * scale);
  const CANDIDATES = Math.round(INTERVIEWS * 0.8);
  const INTERVIEWERS = 40;
  const MANAGERS = 10;
  const POSITIONS = 30;
  const TASKS = 5;
  const HEAVY = 3;
  const BIG_NOTES = 3_000;

  // A retention period longer than the seeded history: in a company that kept six months, most of
  // these candidates would be erased already (their notes gone), and the start-up retention run
  // would spend the benchmark erasing them. The oldest processes come due in about six weeks: the
  // upcoming-erasures list is empty, but still reads its window and the 80 candidates on hold.
  await add('settings', { key: 'retention', value: JSON.stringify({ preset: 'custom', days: 1500 }) });
  const admin = uuid(1, 0);
  const interviewer = (n: number) => uuid(1, 1000 + n);
  const manager = (n: number) => uuid(1, 2000 + n);
  const created = iso(now - 5 * 365 * DAY);
  await add('users', {
    id: admin,
    email: 'admin@acme.example',
    name: 'Avery Admin',
    roles: '["admin"]',
    password_hash: null,
    active: 1,
    created_at: created,
  });
  for (let n = 0; n < INTERVIEWERS; n++) {
    await add('users', {
      id: interviewer(n),
      email: `interviewer${n}@acme.example`,
      name: `${pick(FIRST)} ${pick(LAST)} ${n}`,
      roles: '["interviewer"]',
      password_hash: null,
      active: 1,
      created_at: created,
    });
  }
  for (let n = 0; n < MANAGERS; n++) {
    await add('users', {
      id: manager(n),
      email: `manager${n}@acme.example`,
      name: `${pick(FIRST)} ${pick(LAST)} M${n}`,
      roles: '["line_manager"]',
      password_hash: null,
      active: 1,
      created_at: created,
    });
  }
  const focus = withAttributeIds(defaultFocusAttributes);
  const focusJson = JSON.stringify(focus);
  for (let n = 0; n < POSITIONS; n++) {
    await add('positions', {
      id: uuid(2, n),
      title: `Software Engineer ${n}`,
      level: pick(['Junior', 'Mid', 'Senior', 'Staff']),
      line_manager_id: manager(n % MANAGERS),
      created_at: created,
      focus_attributes: focusJson,
    });
  }
  for (let n = 0; n < TASKS; n++) {
    await add('tasks', {
      id: uuid(3, n),
      title: `Task ${n}`,
      summary: 'A small kata',
      navigator_guide: 'Let the candidate drive.',
      setup_commands: '[]',
      test_command: 'npm test',
      setup_budget_sec: 300,
      pairing_minutes: 60,
      tdd_rhythm: 0,
      levers: '[]',
      created_at: created,
      updated_at: created,
    });
  }
  for (let n = 0; n < CANDIDATES; n++) {
    const held = n % 1000 === 7;
    const name = `${pick(FIRST)} ${pick(LAST)}-${n}`;
    const email = `candidate${n}@mail.example`;
    await add('candidates', {
      id: uuid(4, n),
      name,
      email,
      time_zone: 'Europe/Berlin',
      pronouns: null,
      accommodations: null,
      created_at: iso(now - 4 * 365 * DAY + (n / CANDIDATES) * 4 * 365 * DAY),
      legal_hold: held ? 1 : 0,
      legal_hold_reason: held ? 'Litigation' : null,
      erased_at: null,
    });
    if (searchTerms) {
      for (const term of candidateSearchTerms(name, email)) {
        await add('candidate_terms', { term, candidate_id: uuid(4, n) });
      }
    }
  }

  // Interviews: spread from four years back to two months ahead; the last ones are the future.
  const bigIndex = 10;
  const liveIndex = 11;
  let notesLeft = NOTES - BIG_NOTES;
  // About three in four interviews ran (the rest are ahead, cancelled or no-shows).
  const notesPerInterview = Math.ceil((NOTES - BIG_NOTES) / (INTERVIEWS * 0.75));
  let noteSeq = 0;
  for (let i = 0; i < INTERVIEWS; i++) {
    const id = uuid(5, i);
    // Every tenth interview goes to one of the three heavy navigators (3,333 each at scale 1);
    // the big and the live interview are the first heavy navigator's, who signs in below.
    const navigatorIndex =
      i === bigIndex || i === liveIndex
        ? 0
        : i % 10 === 0
          ? (i / 10) % HEAVY
          : HEAVY + Math.floor(random() * (INTERVIEWERS - HEAVY));
    const navigator = interviewer(navigatorIndex);
    let shadowIndex = Math.floor(random() * INTERVIEWERS);
    if (shadowIndex === navigatorIndex) shadowIndex = (shadowIndex + 1) % INTERVIEWERS;
    const shadow = interviewer(shadowIndex);
    const positionIndex = Math.floor(random() * POSITIONS);
    const lineManager = manager(positionIndex % MANAGERS);
    const candidateIndex = i % CANDIDATES;
    const candidateId = uuid(4, candidateIndex);
    const startsMs =
      i === liveIndex
        ? now - 20 * 60_000
        : i === bigIndex
          ? now - 30 * DAY
          : now - 4 * 365 * DAY + ((i * 4.17) / INTERVIEWS) * 365 * DAY;
    const future = startsMs > now;
    let stage: string;
    if (i === liveIndex) stage = 'pairing';
    else if (i === bigIndex) stage = 'decided';
    else if (future) stage = random() < 0.5 ? 'planned' : 'invited';
    else if (startsMs > now - 7 * DAY) stage = pick(['reported', 'refinement', 'retrospective', 'invited']);
    else {
      const r = random();
      let acc = 0;
      stage = 'decided';
      for (const [s, p] of STAGES_PAST) {
        acc += p;
        if (r < acc) {
          stage = s;
          break;
        }
      }
    }
    const startsAt = iso(startsMs);
    const after = (minutes: number) => iso(startsMs + minutes * 60_000);
    const ran = !['planned', 'invited', 'cancelled', 'no_show'].includes(stage);
    await add('interviews', {
      id,
      candidate_id: candidateId,
      position_id: uuid(2, positionIndex),
      task_id: uuid(3, i % TASKS),
      navigator_id: navigator,
      starts_at: startsAt,
      time_zone: 'Europe/Berlin',
      place: 'Room 1',
      stage,
      pairing_minutes: 60,
      calendar_sequence: 0,
      checklist: '[]',
      difficulty_plan: '[]',
      wellness: ran ? 'well' : null,
      setup_started_at: ran ? startsAt : null,
      pairing_started_at: ran ? after(10) : null,
      pairing_ended_at: ran && stage !== 'pairing' ? after(70) : null,
      break_started_at: ran && stage !== 'pairing' ? after(72) : null,
      retrospective_started_at: ran && stage !== 'pairing' ? after(80) : null,
      refinement_started_at: ran && stage !== 'pairing' ? after(100) : null,
      repository_deletion_confirmed_at: ran && stage !== 'pairing' ? after(71) : null,
      snapshot_id: null,
      created_at: iso(startsMs - 14 * DAY),
      updated_at: iso(startsMs + DAY),
    });
    await add('interview_shadows', { interview_id: id, user_id: shadow });

    const eventTypes = ['planned', 'invited'];
    if (stage === 'cancelled') eventTypes.push('cancelled');
    else if (stage === 'no_show') eventTypes.push('no_show');
    else if (ran) eventTypes.push('checked_in', 'setup', 'pairing');
    if (stage === 'decided') eventTypes.push('decided');
    if (i === bigIndex) for (let n = 0; n < 40; n++) eventTypes.push('checklist_updated');
    for (const [seq, type] of eventTypes.entries()) {
      await add('interview_events', {
        id: randomUUID(),
        interview_id: id,
        seq: seq + 1,
        type,
        at: iso(startsMs - 14 * DAY + seq * 3600_000 + (type === 'cancelled' ? 13 * DAY : 0)),
        actor_id: navigator,
        payload: type === 'cancelled' ? '{"reason":"The candidate withdrew."}' : '{}',
      });
    }

    // Notes: the big interview's 3,000, the rest spread over the interviews that ran.
    const noteCount =
      i === bigIndex ? BIG_NOTES : ran && i !== liveIndex ? Math.min(notesLeft, notesPerInterview) : 0;
    if (i !== bigIndex) notesLeft -= noteCount;
    const noteIds: string[] = [];
    for (let n = 0; n < noteCount; n++) {
      const noteId = uuid(6, noteSeq++);
      if (noteIds.length < 3) noteIds.push(noteId);
      const words = 12 + Math.floor(random() * 20);
      const text = Array.from({ length: words }, () => pick(NOTE_WORDS)).join(' ');
      const at = iso(startsMs + 10 * 60_000 + n * 1000);
      await add('notes', {
        id: noteId,
        interview_id: id,
        author_id: n % 2 === 0 ? navigator : shadow,
        stage: 'pairing',
        offset_ms: n * 1000,
        text,
        tags: n % 5 === 0 ? '["positive"]' : '[]',
        created_at: at,
        updated_at: at,
        deleted_at: null,
      });
    }

    if (ran && stage !== 'pairing') {
      await add('retrospectives', {
        interview_id: id,
        shared_note_ids: '[]',
        answers: JSON.stringify({ solution: 'Fine', learned: 'TDD', change: 'Nothing' }),
        deadline: iso(startsMs + 7 * DAY).slice(0, 10),
        next_steps: 'We will write within a week.',
        updated_at: after(90),
      });
      for (const author of [navigator, shadow]) {
        const submitted = stage !== 'refinement';
        await add('scorecards', {
          interview_id: id,
          author_id: author,
          ratings: JSON.stringify(
            focus.map((attribute) => ({
              attribute: attribute.id,
              score: 1 + Math.floor(random() * 4),
              evidenceNoteIds: noteIds.slice(0, 2),
            })),
          ),
          impression: 'Clear reasoning, asked good questions, tested first.',
          recommendation: pick(['strong_yes', 'yes', 'no', 'strong_no']),
          bias_checklist: '{}',
          submitted_at: submitted ? after(120) : null,
          updated_at: after(120),
          impression_drafted_at: after(101),
          focus_attributes: submitted ? focusJson : null,
        });
      }
    }
    if (stage === 'decided') {
      await add('decisions', {
        interview_id: id,
        outcome: pick(['offer', 'next_round', 'decline']),
        note: 'Discussed with the panel.',
        decided_by: lineManager,
        decided_at: iso(startsMs + 2 * DAY),
      });
    }

    const candidateEmail = `candidate${candidateIndex}@mail.example`;
    const failed = i % 200 === 3;
    await add('outbox_messages', {
      ...(searchTerms ? { recipient: candidateEmail } : {}),
      id: uuid(7, i),
      kind: 'invitation',
      interview_id: id,
      dedupe_key: null,
      message_id: `<${uuid(7, i)}@acme.example>`,
      envelope: JSON.stringify({ from: 'interviews@acme.example', to: [candidateEmail] }),
      subject: 'Your pair-programming interview',
      raw: `From: interviews@acme.example\r\nTo: ${candidateEmail}\r\nSubject: Your pair-programming interview\r\n\r\n${'Hello, we look forward to pairing with you. '.repeat(12)}`,
      text_body: 'Hello, we look forward to pairing with you.',
      calendar_method: 'REQUEST',
      calendar: null,
      status: failed ? 'failed' : 'sent',
      attempts: failed ? 8 : 1,
      lease: null,
      last_error: failed ? '550 mailbox unavailable' : null,
      smtp_response: failed ? null : '250 OK',
      created_at: iso(startsMs - 14 * DAY),
      sending_at: iso(startsMs - 14 * DAY),
      sent_at: failed ? null : iso(startsMs - 14 * DAY),
    });

    const blocks: Array<[string, string]> = [
      ['candidate', 'candidate'],
      ['interview', navigator],
      ['interview', shadow],
      ['debrief', lineManager],
    ];
    for (const [block, attendee] of blocks) {
      await add('calendar_events', {
        uid: `${id}-${block}-${attendee}@pairwise`,
        interview_id: id,
        block,
        attendee,
        sequence: 0,
        starts_at: startsAt,
        ends_at: after(60),
        cancelled: stage === 'cancelled' ? 1 : 0,
        updated_at: iso(startsMs - 14 * DAY),
      });
    }

    for (const [n, action] of ['interview.plan', 'interview.view', 'notes.read'].entries()) {
      await add('audit_entries', {
        id: randomUUID(),
        at: iso(startsMs - 14 * DAY + n * 60_000),
        actor_id: n === 0 ? navigator : shadow,
        actor_label:
          n === 0 ? `interviewer${navigatorIndex}@acme.example` : `interviewer${shadowIndex}@acme.example`,
        action,
        subject_type: 'interview',
        subject_id: id,
        candidate_id: candidateId,
        ip: '10.0.0.1',
        detail: '{}',
      });
    }

    if (i % 100 === 5 && !future) {
      const requested = startsMs + 30 * DAY;
      const done = i % 500 !== 5;
      await add('data_requests', {
        id: uuid(8, i),
        interview_id: id,
        kind: i % 200 === 5 ? 'erasure' : 'copy',
        created_at: iso(requested),
        processed_at: done ? iso(requested + 3 * DAY) : null,
        due_at: iso(requested + 30 * DAY),
        status: done ? 'completed' : 'pending',
        approved_by: done ? admin : null,
        completed_at: done ? iso(requested + 3 * DAY) : null,
      });
    }
  }

  const cookies = { admin: '', navigator: '', lineManager: '' };
  for (const [key, userId] of [
    ['admin', admin],
    ['navigator', interviewer(0)],
    ['lineManager', manager(0)],
  ] as const) {
    const token = randomToken();
    await add('sessions', {
      token_hash: hashToken(token),
      user_id: userId,
      created_at: iso(now),
      expires_at: iso(now + DAY),
      last_seen_at: iso(now),
      user_agent: 'scale bench',
      ip: '127.0.0.1',
    });
    cookies[key] = `pw_session=${token}`;
  }
  const feedToken = randomToken();
  await add('calendar_feed_tokens', {
    user_id: interviewer(0),
    token_hash: hashToken(feedToken),
    created_at: iso(now),
  });
  await flush();
  await writer.finish();
  return {
    interviews: INTERVIEWS,
    notes: counts.notes ?? 0,
    cookies,
    feedToken,
    bigInterviewId: uuid(5, bigIndex),
    liveInterviewId: uuid(5, liveIndex),
    someCandidateId: uuid(4, 123),
    rowCounts: counts,
  };
}
