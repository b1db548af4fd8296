import type {
  AgendaItemKind,
  CandidateLocale,
  InvitationContent,
  MessageLocale,
  TemplateOverrides,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseJsonColumn } from '../../platform/db/json-column.ts';
import type { Database } from '../../platform/db/schema.ts';
import { storedLocale, storedMessageLocale } from '../candidates/candidate-locale.ts';
import type { InterviewRow } from '../interviews/repository.ts';
import { ORGANISATION_SCOPE, SettingsRepository } from '../settings/repository.ts';

type Executor = Kysely<Database>;
export type CalendarEventRow = Database['calendar_events'];

export interface Person {
  id: string;
  name: string;
  email: string;
}

/** Everything an invitation, its calendar entries and the portal are built from. */
export interface InterviewFacts {
  interview: InterviewRow;
  candidate: { id: string; name: string; email: string; timeZone: string; locale: MessageLocale };
  position: { id: string; title: string };
  lineManager: Person;
  task: { title: string; setupCommands: string[]; testCommand: string };
  navigator: Person;
  shadows: Person[];
  /** The organisation's voice: absent only where facts are built by hand (tests). */
  voice?: CandidateVoice;
}

/** Who speaks to the candidate and in which words: the settings and templates when the facts were read. */
export interface CandidateVoice {
  organisationName: string | null;
  replyTo: string | null;
  /** The candidate's language: the organisation's default until candidates carry their own. */
  locale: CandidateLocale;
  templates: { organisation: TemplateOverrides; position: TemplateOverrides };
}

const commandList = z.array(z.string());
const agendaItemKinds = ['setup', 'pairing', 'break', 'retro'] as const satisfies readonly AgendaItemKind[];
/** A confirmation rendered when times were offered, stored to be sent as is once one is picked. */
const storedInvitationContent: z.ZodType<InvitationContent> = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  agenda: z.array(
    z.object({
      kind: z.enum(agendaItemKinds),
      label: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      minutes: z.number(),
    }),
  ),
  calendarDescription: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
});

export class InvitationsRepository {
  constructor(
    private readonly db: Executor,
    private readonly settings: SettingsRepository = new SettingsRepository(db),
  ) {}

  /** Reads with the given executor: listeners inside a transaction must pass theirs. */
  async facts(interviewId: string, executor: Executor = this.db): Promise<InterviewFacts | null> {
    const interview = await executor
      .selectFrom('interviews')
      .selectAll()
      .where('id', '=', interviewId)
      .executeTakeFirst();
    if (!interview) return null;
    const [candidate, position, task, navigator, shadows, settings, organisation, own] = await Promise.all([
      executor
        .selectFrom('candidates')
        .select(['id', 'name', 'email', 'time_zone', 'locale'])
        .where('id', '=', interview.candidate_id)
        .executeTakeFirstOrThrow(),
      executor
        .selectFrom('positions')
        .innerJoin('users', 'users.id', 'positions.line_manager_id')
        .select(['positions.id', 'positions.title', 'users.id as lm_id', 'users.name', 'users.email'])
        .where('positions.id', '=', interview.position_id)
        .executeTakeFirstOrThrow(),
      executor
        .selectFrom('tasks')
        .select(['title', 'setup_commands', 'test_command'])
        .where('id', '=', interview.task_id)
        .executeTakeFirstOrThrow(),
      executor
        .selectFrom('users')
        .select(['id', 'name', 'email'])
        .where('id', '=', interview.navigator_id)
        .executeTakeFirstOrThrow(),
      executor
        .selectFrom('interview_shadows')
        .innerJoin('users', 'users.id', 'interview_shadows.user_id')
        .select(['users.id', 'users.name', 'users.email'])
        .where('interview_shadows.interview_id', '=', interviewId)
        .orderBy('users.name')
        .execute(),
      this.settings.settings(executor),
      this.settings.overrides(ORGANISATION_SCOPE, executor),
      this.settings.overrides(interview.position_id, executor),
    ]);
    return {
      interview,
      candidate: {
        id: candidate.id,
        name: candidate.name,
        email: candidate.email,
        timeZone: candidate.time_zone,
        locale: storedMessageLocale(candidate.locale),
      },
      position: { id: position.id, title: position.title },
      lineManager: { id: position.lm_id, name: position.name, email: position.email },
      task: {
        title: task.title,
        setupCommands: parseJsonColumn(commandList, task.setup_commands),
        testCommand: task.test_command,
      },
      navigator,
      shadows,
      voice: {
        organisationName: settings.organisationName,
        replyTo: settings.replyTo,
        // Templates are chosen in the language the candidate reads, not the organisation's default.
        locale: storedLocale(candidate.locale),
        templates: { organisation, position: own },
      },
    };
  }

  calendarEvents(interviewId: string, executor: Executor = this.db): Promise<CalendarEventRow[]> {
    return executor
      .selectFrom('calendar_events')
      .selectAll()
      .where('interview_id', '=', interviewId)
      .orderBy('starts_at')
      .execute();
  }

  async saveCalendarEvent(row: CalendarEventRow, executor: Executor): Promise<void> {
    await executor
      .insertInto('calendar_events')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('uid').doUpdateSet({
          sequence: row.sequence,
          starts_at: row.starts_at,
          ends_at: row.ends_at,
          cancelled: row.cancelled,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  /** When the invitation went out, from the interview's own log. */
  async invitedAt(interviewId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('interview_events')
      .select('at')
      .where('interview_id', '=', interviewId)
      .where('type', '=', 'invited')
      .orderBy('at', 'desc')
      .executeTakeFirst();
    return row?.at ?? null;
  }

  transaction<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  async answerAccommodationRequest(
    trx: Executor,
    requestId: string,
    answer: { text: string; at: string; by: string },
  ): Promise<void> {
    await trx
      .updateTable('accommodation_requests')
      .set({ answer: answer.text, answered_at: answer.at, answered_by: answer.by })
      .where('id', '=', requestId)
      .execute();
  }

  /** The confirmation approved with an offered time, to be sent once the candidate picks it. */
  async pickedSlotConfirmation(trx: Executor, slotId: string): Promise<InvitationContent> {
    const slot = await trx
      .selectFrom('offered_slots')
      .select('confirmation')
      .where('id', '=', slotId)
      .executeTakeFirstOrThrow();
    return parseJsonColumn(storedInvitationContent, slot.confirmation);
  }

  /** The interview's stage and start, and the candidate's zone, read in the caller's transaction. */
  reminderTiming(trx: Executor, interviewId: string) {
    return trx
      .selectFrom('interviews')
      .innerJoin('candidates', 'candidates.id', 'interviews.candidate_id')
      .select(['interviews.stage', 'interviews.starts_at', 'candidates.time_zone'])
      .where('interviews.id', '=', interviewId)
      .executeTakeFirst();
  }

  /** Whether the candidate was invited with times to choose from and has chosen none yet. */
  async hasOpenInvitationOffer(interviewId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('slot_offers')
      .select('id')
      .where('interview_id', '=', interviewId)
      .where('kind', '=', 'invitation')
      .where('status', '=', 'open')
      .executeTakeFirst();
    return row !== undefined;
  }
}
