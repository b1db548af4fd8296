import { type Kysely, sql } from 'kysely';

// Focus attributes per position. Existing positions were rated on the built-in list, so
// it is the column's default (also for a position created by a node not yet upgraded), and
// scorecards already submitted get it as their frozen copy. A draft keeps no copy: it follows
// its position until submitted. The list is copied here as it was on 2026-11-26, not imported,
// so rewording the defaults later cannot change what old scorecards say they were rated on.
const builtIn = [
  {
    id: 'collaboration',
    label: 'Collaboration and communication',
    anchors: [
      'Worked alone; did not share thinking',
      'Shared thinking when asked',
      'Thought aloud and invited input',
      'Built on ideas together; made pairing easy',
    ],
  },
  {
    id: 'decomposition',
    label: 'Problem decomposition',
    anchors: [
      'Could not break the problem down',
      'Broke it down with help',
      'Broke it into sensible steps',
      'Chose small, valuable steps and reordered them as learning came in',
    ],
  },
  {
    id: 'testing',
    label: 'Testing / TDD',
    anchors: [
      'No tests',
      'Tests after the fact',
      'Test-first for most changes',
      'Tests drove the design; tight red-green-refactor',
    ],
  },
  {
    id: 'design',
    label: 'Design and refactoring',
    anchors: [
      'Left tangled code',
      'Some cleanup when prompted',
      'Refactored on green to clear names and structure',
      'Design improved continuously and deliberately',
    ],
  },
  {
    id: 'tooling',
    label: 'Tooling fluency',
    anchors: [
      'Struggled with the basics',
      'Got there with help',
      'Fluent with editor, tests and git',
      'Tooling sped the pair up noticeably',
    ],
  },
  {
    id: 'receptiveness',
    label: 'Receptiveness to feedback',
    anchors: [
      'Dismissed suggestions',
      'Accepted suggestions without engaging',
      'Weighed suggestions and responded',
      'Sought feedback and adapted visibly',
    ],
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const defaults = JSON.stringify(builtIn);
  await db.schema
    .alterTable('positions')
    .addColumn('focus_attributes', 'text', (c) => c.notNull().defaultTo(defaults))
    .execute();
  await db.schema.alterTable('scorecards').addColumn('focus_attributes', 'text').execute();
  await sql`update scorecards set focus_attributes = ${defaults} where submitted_at is not null`.execute(db);
}
