import { randomUUID } from 'node:crypto';
import { canApply, nextStage, type Stage, stages } from '@pairwise/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createWorld,
  databases,
  expectStatus,
  startTestServer,
  type TestServer,
  type World,
} from './harness.ts';
import { portalTokenIn } from './outreach-flows.ts';
import { cancelInterview, rescheduleInterview, scorecardFor, sendInvitation } from './process-flows.ts';

/**
 * Model-based property tests of the process's promises: random sequences of actions by random
 * roles go through the HTTP API of one real server, and after every step the invariants are read
 * back through the API as each role would read them. The model is small on purpose: it knows
 * the stage, who submitted, whose notes exist and which candidate mails a preview sent, and
 * learns everything else from the server's answers.
 */

type Member = 'navigator' | 'shadow';
type Role = Member | 'lineManager' | 'outsider' | 'admin' | 'candidate';
const roles: Role[] = ['navigator', 'shadow', 'lineManager', 'outsider', 'admin', 'candidate'];
const members: Member[] = ['navigator', 'shadow'];

interface Model {
  stage: Stage;
  notes: Record<Member, string[]>;
  submitted: Record<Member, boolean>;
  /** Candidate mails the previewed paths sent (invitation, reschedule, cancellation). */
  candidateMails: number;
  portalToken: string | null;
  /** The candidate's git password, once the open window showed it to the navigator. */
  gitPassword: string | null;
  gitSlug: string | null;
  deadlineRecorded: boolean;
}

interface Real {
  world: World;
  server: TestServer;
  id: string;
}

const noteStages: readonly Stage[] = ['checked_in', 'setup', 'pairing', 'wrap', 'break', 'retrospective'];
const beforePairing: readonly Stage[] = ['planned', 'invited', 'checked_in', 'setup'];
/** What a reschedule or cancellation reason could reveal; the line manager never reads it. */
const circumstanceMarkers = ['candidate_unwell', 'CANDIDATE-REASON-MARKER', '"well"'];

const client = (real: Real, role: Role): Client =>
  role === 'candidate' ? real.world.anonymous : real.world[role];

const fail = (message: string): never => {
  throw new Error(message);
};
const isRefusal = (status: number) => status >= 400 && status < 500;

/** The candidate's link from the invitation, reading only that one message. */
async function portalToken(r: Real): Promise<string> {
  const { messages } = await expectStatus(r.world.admin.get(`/api/outbox?interviewId=${r.id}`), 200);
  const invitation = (messages as Array<{ id: string; kind: string }>).find(
    (message) => message.kind === 'invitation',
  );
  if (!invitation) return fail('no invitation in the outbox');
  const { message } = await expectStatus(r.world.admin.get(`/api/outbox/${invitation.id}`), 200);
  return portalTokenIn(message.text);
}

// --- Commands -------------------------------------------------------------------------------

type Command = fc.AsyncCommand<Model, Real>;

/** The navigator takes the next step the way the process promises it, with the confirmations a test day needs. */
class Advance implements Command {
  check = (m: Readonly<Model>) => !['reported', 'decided', 'cancelled', 'no_show'].includes(m.stage);
  async run(m: Model, r: Real) {
    const nav = r.world.navigator;
    const go = (body: Record<string, unknown>) =>
      expectStatus(nav.post(`/api/interviews/${r.id}/transitions`, body), 200);
    switch (m.stage) {
      case 'planned':
        await sendInvitation(r.world, r.id);
        m.candidateMails += 1;
        m.stage = 'invited';
        break;
      case 'invited':
        await expectStatus(
          nav.post(`/api/interviews/${r.id}/wellness`, { well: true, startEarly: true }),
          200,
        );
        m.stage = 'checked_in';
        break;
      case 'checked_in':
        await go({ action: 'start_setup', startEarly: true });
        m.stage = 'setup';
        break;
      case 'setup':
        await go({ action: 'start_pairing' });
        m.stage = 'pairing';
        break;
      case 'pairing':
        await go({ action: 'end_pairing', confirmEarly: true });
        m.stage = 'wrap';
        break;
      case 'wrap':
        await expectStatus(nav.post(`/api/interviews/${r.id}/repository-deletion`, { confirmed: true }), 200);
        await go({ action: 'start_break' });
        m.stage = 'break';
        break;
      case 'break':
        await go({ action: 'start_retrospective', confirmEarly: true });
        m.stage = 'retrospective';
        break;
      case 'retrospective':
        await expectStatus(
          nav.put(`/api/interviews/${r.id}/retrospective`, {
            sharedNoteIds: [],
            answers: { solution: '', learned: '', change: '' },
            deadline: '2031-12-31',
            nextSteps: '',
          }),
          200,
        );
        await go({ action: 'start_refinement' });
        m.stage = 'refinement';
        break;
      case 'refinement':
        await submit(m, r, 'navigator');
        break;
    }
  }
  toString = () => 'navigator: next step by the book';
}

/** Drafts a scorecard on the member's own notes (writing one if they have none) and submits it. */
async function submit(m: Model, r: Real, member: Member) {
  const c = r.world[member];
  if (m.notes[member].length === 0) {
    const noteId = randomUUID();
    await expectStatus(
      c.put(`/api/interviews/${r.id}/notes/${noteId}`, {
        text: `${member} evidence`,
        tags: ['positive'],
        offsetMs: 0,
      }),
      200,
    );
    m.notes[member].push(noteId);
  }
  await expectStatus(c.put(`/api/interviews/${r.id}/scorecard`, scorecardFor(m.notes[member])), 200);
  await expectStatus(c.post(`/api/interviews/${r.id}/scorecard/submit`, { confirmEarly: true }), 200);
  m.submitted[member] = true;
  if (member === 'navigator') m.stage = 'reported';
}

/** Anyone tries a plain lifecycle step with no confirmation; what the server accepts must be legal. */
class Attempt implements Command {
  constructor(
    readonly role: Role,
    readonly action:
      | 'invite'
      | 'check_in'
      | 'start_setup'
      | 'start_pairing'
      | 'end_pairing'
      | 'start_break'
      | 'start_retrospective'
      | 'start_refinement'
      | 'submit_report'
      | 'decide'
      | 'reschedule'
      | 'cancel'
      | 'mark_no_show',
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const body: Record<string, unknown> = { action: this.action };
    if (this.action === 'reschedule')
      Object.assign(body, {
        startsAtLocal: '2030-04-02T10:00',
        timeZone: 'Europe/Berlin',
        reason: 'candidate_unwell',
      });
    const response = await client(r, this.role).post(`/api/interviews/${r.id}/transitions`, body);
    if (response.status === 200) {
      if (this.role !== 'navigator' && this.role !== 'admin') fail(`${this.role} moved the interview`);
      if (!canApply(m.stage, this.action)) fail(`${this.action} skipped a stage from ${m.stage}`);
      if (this.action === 'invite') fail('the generic path sent the invitation');
      m.stage = nextStage(m.stage, this.action);
      return;
    }
    if (!isRefusal(response.status))
      fail(`${this.role} ${this.action}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  toString = () => `${this.role}: plain "${this.action}"`;
}

/** The navigator moves the interview to another day from its preview (a candidate mail once invited). */
class Reschedule implements Command {
  check = (m: Readonly<Model>) => beforePairing.includes(m.stage);
  async run(m: Model, r: Real) {
    await rescheduleInterview(r.world.navigator, r.id, {
      startsAtLocal: '2030-04-02T10:00',
      timeZone: 'Europe/Berlin',
      reason: 'candidate_unwell',
      // Every run's interview is booked at these same times, so the overlap is confirmed.
      confirmOverlap: true,
    });
    if (m.stage !== 'planned') m.candidateMails += 1;
    m.stage = nextStage(m.stage, 'reschedule');
  }
  toString = () => 'navigator: reschedule from the preview (candidate unwell)';
}

class Cancel implements Command {
  check = (m: Readonly<Model>) => beforePairing.includes(m.stage);
  async run(m: Model, r: Real) {
    await cancelInterview(r.world.navigator, r.id, 'CANDIDATE-REASON-MARKER: moved abroad');
    if (m.stage !== 'planned') m.candidateMails += 1;
    m.stage = 'cancelled';
  }
  toString = () => 'navigator: cancel from the preview';
}

/** The check-in question answered "not well": the interview waits for a new time. */
class NotWell implements Command {
  check = (m: Readonly<Model>) => m.stage === 'invited';
  async run(_m: Model, r: Real) {
    await expectStatus(
      r.world.navigator.post(`/api/interviews/${r.id}/wellness`, { well: false, startEarly: true }),
      200,
    );
  }
  toString = () => 'navigator: check-in, the candidate is not well';
}

class CandidateAsksToMove implements Command {
  check = (m: Readonly<Model>) => m.candidateMails > 0 && m.stage === 'invited';
  async run(m: Model, r: Real) {
    m.portalToken ??= await portalToken(r);
    const response = await r.world.anonymous.post(`/api/portal/${m.portalToken}/reschedule-request`, {
      reason: 'CANDIDATE-REASON-MARKER: a hospital appointment',
    });
    if (response.status !== 200)
      fail(`portal reschedule request: ${response.status} ${JSON.stringify(response.body)}`);
  }
  toString = () => 'candidate: asks for another time, with a reason';
}

/** A panel member writes a note; only their own path decides whether it is accepted. */
class WriteNote implements Command {
  constructor(readonly member: Member) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const noteId = randomUUID();
    const response = await r.world[this.member].put(`/api/interviews/${r.id}/notes/${noteId}`, {
      text: `PRIVATE-${this.member}-${noteId}`,
      tags: ['positive'],
      offsetMs: 0,
    });
    const open =
      !m.submitted[this.member] &&
      (noteStages.includes(m.stage) ||
        m.stage === 'refinement' ||
        (m.stage === 'reported' && this.member === 'shadow'));
    if (open && response.status !== 200)
      fail(`${this.member}'s note refused: ${JSON.stringify(response.body)}`);
    if (!open && response.status === 200)
      fail(`${this.member} wrote a note in ${m.stage} after their path closed`);
    if (!open && !isRefusal(response.status)) fail(`note: ${response.status}`);
    if (open) m.notes[this.member].push(noteId);
  }
  toString = () => `${this.member}: writes a note`;
}

class Submit implements Command {
  constructor(readonly member: Member) {}
  check = (m: Readonly<Model>) =>
    !m.submitted[this.member] &&
    (m.stage === 'refinement' || (m.stage === 'reported' && this.member === 'shadow'));
  run = (m: Model, r: Real) => submit(m, r, this.member);
  toString = () => `${this.member}: drafts and submits the scorecard`;
}

/** The line manager decides, with or without the explicit override for an open panel member. */
class Decide implements Command {
  constructor(readonly withOverride: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const response = await r.world.lineManager.post(`/api/interviews/${r.id}/decision`, {
      outcome: 'offer',
      ...(this.withOverride ? { proceedWithoutPanel: { reason: 'The candidate has another offer.' } } : {}),
    });
    const open = members.some((member) => !m.submitted[member]);
    const allowed = m.stage === 'reported' && (!open || this.withOverride);
    if (allowed && response.status !== 200) fail(`decision refused: ${JSON.stringify(response.body)}`);
    if (!allowed && response.status === 200) fail(`decided in ${m.stage} with a member open and no override`);
    if (!allowed && !isRefusal(response.status)) fail(`decision: ${response.status}`);
    if (allowed) m.stage = 'decided';
  }
  toString = () => `lineManager: decides${this.withOverride ? ' (proceeding without the panel)' : ''}`;
}

const attemptActions = [
  'invite',
  'check_in',
  'start_setup',
  'start_pairing',
  'end_pairing',
  'start_break',
  'start_retrospective',
  'start_refinement',
  'submit_report',
  'decide',
  'reschedule',
  'cancel',
  'mark_no_show',
] as const;

const advance = fc.constant(new Advance());
const commands = [
  // The path forward is drawn most often, so that runs reach the report and the decision.
  advance,
  advance,
  advance,
  advance,
  advance,
  fc
    .tuple(fc.constantFrom(...roles), fc.constantFrom(...attemptActions))
    .map(([role, action]) => new Attempt(role, action)),
  fc.constant(new Reschedule()),
  fc.constant(new Cancel()),
  fc.constant(new NotWell()),
  fc.constant(new CandidateAsksToMove()),
  fc.constantFrom(...members).map((member) => new WriteNote(member)),
  fc.constantFrom(...members).map((member) => new Submit(member)),
  fc.constantFrom(...members).map((member) => new Submit(member)),
  fc.boolean().map((withOverride) => new Decide(withOverride)),
];

// --- Invariants -----------------------------------------------------------------------------

const isStage = (value: string): value is Stage => (stages as readonly string[]).includes(value);
const legalStep = (from: string, to: string) =>
  isStage(from) &&
  (from === to || attemptActions.some((action) => canApply(from, action) && nextStage(from, action) === to));

const skipped = Promise.resolve({ status: 0, body: null as any });

async function checkInvariants(m: Model, r: Real) {
  const { world, id } = r;
  const url = `/api/interviews/${id}`;
  const [
    detail,
    navNotes,
    shadowNotes,
    navReport,
    shadowReport,
    lmReport,
    lmDetail,
    lmInvitation,
    outbox,
    repo,
  ] = await Promise.all([
    world.navigator.get(url),
    world.navigator.get(`${url}/notes`),
    world.shadow.get(`${url}/notes`),
    // An open member's attempt is refused before anything is computed; a submitted member's report
    // is the line manager's, read once below (the report is the costliest read).
    m.submitted.navigator ? skipped : world.navigator.get(`${url}/report`),
    m.submitted.shadow ? skipped : world.shadow.get(`${url}/report`),
    world.lineManager.get(`${url}/report`),
    world.lineManager.get(url),
    world.lineManager.get(`${url}/invitation`),
    // Only this interview's messages: every one of them, however many runs came before.
    world.admin.get(`/api/outbox?interviewId=${id}&limit=200`),
    world.navigator.get(`${url}/repository`),
  ]);

  // No stage skipped: the server's stage is the model's, and its timeline moves only by legal steps.
  expect(detail.status).toBe(200);
  expect(detail.body.interview.stage, 'stage').toBe(m.stage);
  for (const event of detail.body.interview.events as Array<{
    type: string;
    payload: Record<string, unknown>;
  }>) {
    const { from, to } = event.payload;
    if (typeof from === 'string' && typeof to === 'string' && !legalStep(from, to)) {
      fail(`the timeline skipped from ${from} to ${to} (${event.type})`);
    }
  }

  // Panel independence: an open member reads only their own notes and never the report.
  const ids = world.ids;
  const notesFor = { navigator: navNotes, shadow: shadowNotes };
  const reportFor = { navigator: navReport, shadow: shadowReport };
  const submittedIds = members.filter((member) => m.submitted[member]).map((member) => ids[member]);
  for (const member of members) {
    const notes = notesFor[member];
    expect(notes.status, `${member} notes`).toBe(200);
    const authors = new Set((notes.body.notes as Array<{ authorId: string }>).map((n) => n.authorId));
    if (!m.submitted[member]) {
      for (const author of authors) {
        if (author !== ids[member]) fail(`${member} read another member's notes before submitting`);
      }
      if (reportFor[member].status === 200) fail(`${member} read the report before submitting`);
    }
  }
  // Whoever reads the report sees only submitted members' notes and scorecards.
  for (const [reader, report] of [
    ['navigator', navReport],
    ['shadow', shadowReport],
    ['lineManager', lmReport],
  ] as const) {
    if (report.status !== 200) continue;
    for (const n of report.body.report.notes as Array<{ authorId: string }>) {
      if (!submittedIds.includes(n.authorId)) fail(`${reader}'s report shows an unsubmitted member's note`);
    }
    for (const s of report.body.report.scorecards as Array<{ authorId: string }>) {
      if (!submittedIds.includes(s.authorId)) fail(`${reader}'s report shows an unsubmitted scorecard`);
    }
  }

  // No decision while a member is open without a recorded override.
  if (m.stage === 'decided') {
    expect(lmReport.status).toBe(200);
    const open = members.some((member) => !m.submitted[member]);
    const override = lmReport.body.report.decision?.proceededWithoutPanel ?? null;
    if (open && !override) fail('decided with a member open and no override on the report');
    if (!open && override) fail('an override was recorded though every member had submitted');
  }

  // No candidate mail except from a preview.
  expect(outbox.status).toBe(200);
  const messages = outbox.body.messages as Array<{ interviewId: string; to: string[] }>;
  if (messages.some((message) => message.interviewId !== id))
    fail("the outbox mixed in another interview's mail");
  const candidateMails = messages.filter((message) =>
    message.to.some((to) => to.includes('casey@example.com')),
  );
  expect(candidateMails.length, 'candidate mails, each from a preview').toBe(m.candidateMails);

  // No repository access outside its window: open from setup to the end of pairing.
  expect(repo.status).toBe(200);
  const open = m.stage === 'setup' || m.stage === 'pairing';
  expect(repo.body.repository.window.state, 'repository window').toBe(
    open
      ? 'open'
      : m.stage === 'planned' || m.stage === 'invited' || m.stage === 'checked_in'
        ? 'not_yet'
        : 'closed',
  );
  m.gitSlug = repo.body.repository.slug;
  if (open && repo.body.repository.cloneBlock?.password) {
    m.gitPassword = repo.body.repository.cloneBlock.password;
  }
  if (m.gitPassword && m.gitSlug) {
    // Asked as git asks by default (protocol v2), whose advertisement the server answers without git.
    const git = await fetch(`${r.server.url}/git/${m.gitSlug}.git/info/refs?service=git-upload-pack`, {
      headers: {
        'git-protocol': 'version=2',
        authorization: `Basic ${Buffer.from(`${repo.body.repository.username}:${m.gitPassword}`).toString('base64')}`,
      },
    });
    // A refusal reaches git as an error line in a 200 answer, so the advertisement is what proves
    // access: v2 opens it with its "version 2" line.
    const served = git.status === 200 && /^[0-9a-f]{4}version 2\n/.test(await git.text());
    if (open !== served)
      fail(`git ${served ? 'served' : 'refused'} the repository with the window ${open ? 'open' : 'shut'}`);
  }

  // No wellness answer or reschedule reason in the line manager's view.
  expect(lmDetail.status).toBe(200);
  const lmViews = [JSON.stringify(lmDetail.body), JSON.stringify(lmInvitation.body)];
  if (lmReport.status === 200) lmViews.push(JSON.stringify(lmReport.body));
  for (const view of lmViews) {
    for (const marker of circumstanceMarkers) {
      if (view.includes(marker)) fail(`the line manager's view shows "${marker}"`);
    }
  }
  if (
    (lmDetail.body.interview.events as Array<{ type: string }>).some((e) => e.type === 'wellness_recorded')
  ) {
    fail("the line manager's timeline shows the wellness answer");
  }
}

/** Every command, then the invariants: a failure names the step after which they broke. */
const checked = (command: Command): Command => ({
  check: (m) => command.check(m),
  run: async (m, r) => {
    await command.run(m, r);
    await checkInvariants(m, r);
  },
  toString: () => command.toString(),
});

// --- The property -----------------------------------------------------------------------------

const RUNS = Number(process.env.PROCESS_MODEL_RUNS ?? 200);

describe.each(databases())(
  'the process model holds under random actions by random roles (%s)',
  (database) => {
    let server: TestServer;
    let world: World;

    beforeAll(async () => {
      server = await startTestServer(database);
      world = await createWorld(server);
    });
    afterAll(() => server.close());

    it(`keeps every promise over ${RUNS} random runs`, { timeout: 1_800_000 }, async () => {
      const started = performance.now();
      // The server runs in this process: its CPU time says what the runs cost on an idle machine.
      const cpu = process.cpuUsage();
      await fc.assert(
        fc.asyncProperty(
          // Each run starts where the by-the-book path leaves it after 0 to 11 steps, then takes a
          // short random sequence: every stage is reached without long (and slow) sequences.
          fc.nat({ max: 11 }),
          fc.commands(
            commands.map((arbitrary) => arbitrary.map(checked)),
            { maxCommands: 6 },
          ),
          async (start, sequence) => {
            const id = await world.planInterview();
            const model: Model = {
              stage: 'planned',
              notes: { navigator: [], shadow: [] },
              submitted: { navigator: false, shadow: false },
              candidateMails: 0,
              portalToken: null,
              gitPassword: null,
              gitSlug: null,
              deadlineRecorded: false,
            };
            const real: Real = { world, server, id };
            const advance = new Advance();
            for (let i = 0; i < start && advance.check(model); i++) await advance.run(model, real);
            await checkInvariants(model, real);
            await fc.asyncModelRun(() => ({ model, real }), sequence);
          },
        ),
        // Random every time; on failure fast-check prints the seed, the path and the shrunk sequence.
        { numRuns: RUNS, verbose: 1 },
      );
      const { user, system } = process.cpuUsage(cpu);
      console.info(
        `process model (${database}): ${RUNS} runs in ${Math.round(performance.now() - started)} ms, ` +
          `${Math.round((user + system) / 1000)} ms CPU in this process`,
      );
    });
  },
);
