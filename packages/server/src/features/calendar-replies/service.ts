import type { CandidateResponseKind } from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Clock, utcNow } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { JobDefinition, JobQueue } from '../../platform/jobs/job-queue.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import type { InvitationsRepository } from '../invitations/repository.ts';
import type { PortalRepository } from '../portal/repository.ts';
import { portalPhase } from '../portal/service.ts';
import { type ItipReply, parseItipReply } from './itip-reply.ts';
import { type MailboxMessage, type MailboxSettings, readNewMessages } from './mailbox.ts';
import type { CalendarRepliesRepository } from './repository.ts';

const payload = z.object({ at: z.string() });

export type ReplyOutcome =
  | { outcome: 'applied'; interviewId: string; reply: ItipReply }
  | { outcome: 'ignored'; reason: string; interviewId: string | null; reply: ItipReply | null }
  | { outcome: 'duplicate' };

/**
 * Replies that count (decision 033): the candidate's calendar answers the invitation by mail
 * (iTIP REPLY: accepted, declined, tentative; COUNTER: another time), and Pairwise reads those
 * answers from a mailbox and records them beside the portal's. A reply counts only when it names
 * a candidate entry Pairwise sent (its UID), comes from that candidate's address, and answers the
 * current version (its SEQUENCE); anything else is kept with the reason and logged. Each message
 * is claimed by its Message-ID in the transaction that applies it, so none is applied twice.
 */
export class CalendarRepliesService {
  readonly job: JobDefinition<typeof payload>;

  constructor(
    private readonly repository: CalendarRepliesRepository,
    private readonly facts: InvitationsRepository,
    private readonly responses: PortalRepository,
    private readonly events: InterviewEventLog,
    private readonly jobs: JobQueue,
    private readonly options: {
      /** null: no reply mailbox (REPLY_IMAP_URL unset); nothing is polled. */
      mailbox: MailboxSettings | null;
      pollSeconds: number;
      clock: Clock;
      log: (message: string, details: Record<string, unknown>) => void;
    },
  ) {
    this.job = {
      type: 'calendar-replies.poll',
      payload,
      handle: async () => {
        await this.poll();
      },
    };
    jobs.define(this.job);
  }

  /** At start-up: the first poll now (one per node start; the dedupe key keeps it to one job). */
  async start(): Promise<void> {
    if (!this.options.mailbox) return;
    await this.enqueueAt(utcNow(this.options.clock).toJSDate());
  }

  private async enqueueAt(at: Date): Promise<void> {
    // One job per poll time, whichever node schedules it.
    const slot = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
    await this.jobs.enqueue(this.job, { at: slot }, { runAt: at, dedupeKey: `calendar-replies:${slot}` });
  }

  /** Reads the new messages, applies each, then schedules the next poll (also after a failure). */
  async poll(): Promise<ReplyOutcome[]> {
    const mailbox = this.options.mailbox;
    if (!mailbox) return [];
    const name = `${mailbox.user}@${mailbox.host}:${mailbox.port}/${mailbox.folder}`;
    try {
      const { cursor, messages } = await readNewMessages(mailbox, await this.repository.cursor(name));
      const outcomes: ReplyOutcome[] = [];
      for (const message of messages) outcomes.push(await this.applyMessage(message));
      await this.repository.saveCursor(name, cursor);
      return outcomes;
    } finally {
      await this.enqueueAt(utcNow(this.options.clock).plus({ seconds: this.options.pollSeconds }).toJSDate());
    }
  }

  async applyMessage(message: MailboxMessage): Promise<ReplyOutcome> {
    const reply = message.calendars.map(parseItipReply).find((parsed) => parsed !== null) ?? null;
    const outcome = await this.events.transaction(async (trx, record): Promise<ReplyOutcome> => {
      const decided = await this.decide(reply, trx);
      const claimed = await this.repository.claim(
        message.key,
        {
          outcome: decided.outcome,
          reason: decided.outcome === 'ignored' ? decided.reason : 'applied',
          interviewId: decided.interviewId,
          method: reply?.method ?? null,
          partstat: decided.outcome === 'applied' ? decided.partstat : null,
        },
        trx,
      );
      if (!claimed) return { outcome: 'duplicate' };
      if (decided.outcome === 'ignored') return { ...decided, reply };
      const { interviewId, partstat, sequence } = decided;
      const r = reply!;
      await this.responses.insertResponse(
        interviewId,
        {
          kind: responseKind(r.method, partstat),
          reason: r.comment,
          calendarSequence: sequence,
          source: 'calendar',
          proposedStartsAt: r.proposedStartsAt,
          proposedEndsAt: r.proposedEndsAt,
        },
        trx,
      );
      await record({
        interviewId,
        type: 'calendar_reply_received',
        actorId: null,
        payload: {
          method: r.method,
          partstat,
          proposedStartsAt: r.proposedStartsAt,
          proposedEndsAt: r.proposedEndsAt,
        },
      });
      return { outcome: 'applied', interviewId, reply: r };
    });
    if (outcome.outcome === 'ignored') {
      this.options.log('calendar reply ignored', {
        messageKey: message.key,
        reason: outcome.reason,
        interviewId: outcome.interviewId,
        uid: outcome.reply?.uid ?? null,
      });
    } else if (outcome.outcome === 'duplicate') {
      this.options.log('calendar reply already processed', { messageKey: message.key });
    }
    return outcome;
  }

  private async decide(
    reply: ItipReply | null,
    trx: Kysely<Database>,
  ): Promise<
    | {
        outcome: 'applied';
        interviewId: string;
        partstat: ItipReply['attendees'][number]['partstat'];
        sequence: number;
      }
    | { outcome: 'ignored'; reason: string; interviewId: string | null }
  > {
    if (!reply)
      return { outcome: 'ignored', reason: 'no iTIP REPLY or COUNTER in the message', interviewId: null };
    const entry = await this.repository.candidateEvent(reply.uid, trx);
    if (!entry) return { outcome: 'ignored', reason: 'unknown UID', interviewId: null };
    const interviewId = entry.interview_id;
    const facts = await this.facts.facts(interviewId, trx);
    if (!facts) return { outcome: 'ignored', reason: 'unknown UID', interviewId: null };
    const line = reply.attendees.find((a) => a.address === facts.candidate.email.trim().toLowerCase());
    if (!line) return { outcome: 'ignored', reason: 'unknown attendee', interviewId };
    if (reply.sequence < entry.sequence) {
      return {
        outcome: 'ignored',
        reason: `stale SEQUENCE ${reply.sequence} (current ${entry.sequence})`,
        interviewId,
      };
    }
    if (entry.cancelled || portalPhase(facts.interview.stage) !== 'upcoming') {
      return { outcome: 'ignored', reason: 'the interview is no longer ahead', interviewId };
    }
    if (reply.method === 'REPLY' && line.partstat === 'NEEDS-ACTION') {
      return { outcome: 'ignored', reason: 'no answer (NEEDS-ACTION)', interviewId };
    }
    if (reply.method === 'COUNTER' && !reply.proposedStartsAt) {
      return { outcome: 'ignored', reason: 'a COUNTER without a readable time', interviewId };
    }
    return {
      outcome: 'applied',
      interviewId,
      partstat: line.partstat,
      sequence: facts.interview.calendar_sequence,
    };
  }
}

/** A counter-proposal is a request for another time; the rest say what the calendar says. */
function responseKind(method: ItipReply['method'], partstat: string): CandidateResponseKind {
  if (method === 'COUNTER') return 'reschedule_requested';
  if (partstat === 'ACCEPTED') return 'confirmed';
  if (partstat === 'DECLINED') return 'declined';
  return 'tentative';
}
