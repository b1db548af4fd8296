import {
  AppError,
  buildAgenda,
  type CandidateResponseKind,
  candidateLocales,
  formatDateInZone,
  formatRangeInZone,
  formatTimeInZone,
  hearBackRefusal,
  invitationSections,
  isSafeHref,
  type MessageLocale,
  type PortalPhase,
  type PortalSlotOffer,
  type PortalView,
  parseInstant,
  pseudoLocale,
  renderAccommodationNotice,
  renderCandidateResponseNotice,
  type Stage,
  type SurveyBody,
  translator,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { CandidateLocaleWriter } from '../candidates/candidate-locale.ts';
import type { InterviewEventLog } from '../interviews/event-log.ts';
import {
  agendaMinutesOf,
  interviewUrlFor,
  invitationInput,
  portalUrlFor,
} from '../invitations/invitation-mail.ts';
import type { InterviewFacts, InvitationsRepository } from '../invitations/repository.ts';
import type { OutboxService } from '../outbox/outbox.ts';
import { interviewDay, type RetrospectivesService } from '../retrospectives/retrospectives.ts';
import { type PortalCloneBlockSource, placeholderCloneBlock } from './clone-block.ts';
import type { PortalTokens } from './portal-tokens.ts';
import type { PortalRepository } from './repository.ts';

/** Where a candidate is, in their terms; the panel's stages stay inside Pairwise. */
/** The invitation's sections that state the time. */
const TIMED_SECTIONS = new Set(['When and where', 'The agenda']);

export function portalPhase(stage: Stage): PortalPhase {
  switch (stage) {
    case 'planned':
    case 'invited':
    case 'checked_in':
      return 'upcoming';
    case 'setup':
    case 'pairing':
      return 'in_session';
    case 'wrap':
    case 'break':
    case 'retrospective':
    case 'refinement':
    case 'reported':
      return 'after';
    case 'decided':
      return 'decided';
    case 'cancelled':
      return 'cancelled';
    case 'no_show':
      return 'closed';
  }
}

const MAX_ACCOMMODATION_REQUESTS = 20;

export interface PortalOptions {
  publicUrl: () => string;
  daysAfterDecision: number;
  /** Clone instructions from the candidate-repositories feature; a placeholder until it exists. */
  cloneBlock?: PortalCloneBlockSource | undefined;
  /** Times to choose from (self-scheduling): the picker's contents, and what a pick does. */
  slots?: {
    offer(facts: InterviewFacts): Promise<PortalSlotOffer | null>;
    pick(facts: InterviewFacts, slotId: string): Promise<void>;
  };
  /** Whether the tests' pseudo-locale may be chosen (PSEUDO_LOCALE=on); never in production. */
  pseudoLocale?: boolean;
}

/**
 * Everything the candidate can see and do through their private link. A link is the only
 * credential, so every method starts by resolving it, and every answer is built from
 * candidate-facing facts only: the view has no field that could carry notes, ratings, the
 * decision or anyone else's data.
 */
export class PortalService {
  constructor(
    private readonly tokens: PortalTokens,
    private readonly repository: PortalRepository,
    private readonly facts: InvitationsRepository,
    private readonly events: InterviewEventLog,
    private readonly outbox: OutboxService,
    private readonly retrospectives: RetrospectivesService,
    private readonly locales: CandidateLocaleWriter,
    private readonly options: PortalOptions,
  ) {}

  subscribe(events: InterviewEventLog): void {
    events.onRecorded(async (event, trx) => {
      if (event.type === 'decided' || event.type === 'cancelled' || event.type === 'no_show') {
        await this.tokens.closeAfter(event.interviewId, trx);
      }
    });
  }

  async view(token: string): Promise<PortalView> {
    const { facts, expiresAt } = await this.open(token);
    const { interview, candidate } = facts;
    const phase = portalPhase(interview.stage);
    const input = invitationInput(facts, portalUrlFor(this.options.publicUrl(), token));
    const agenda = buildAgenda(interview.starts_at, agendaMinutesOf(interview));
    const startsAt = agenda[0]?.startsAt ?? interview.starts_at;
    const endsAt = agenda.at(-1)?.endsAt ?? interview.starts_at;
    const [responses, accommodations, dataRequests, deadline, surveyAnswered, decisionMessageSentAt] =
      await Promise.all([
        this.repository.responses(interview.id),
        this.repository.accommodations(interview.id),
        this.repository.dataRequests(interview.id),
        this.repository.deadline(interview.id),
        this.repository.surveyAnswered(interview.id),
        this.repository.decisionMessageSentAt(interview.id),
      ]);
    const current = responses.filter((r) => r.calendar_sequence === interview.calendar_sequence).at(-1);
    const slotOffer =
      phase === 'upcoming' && this.options.slots ? await this.options.slots.offer(facts) : null;
    const tr = translator(candidate.locale);
    return {
      phase,
      slotOffer,
      locale: candidate.locale,
      locales: this.choosableLocales(),
      candidateName: candidate.name,
      positionTitle: facts.position.title,
      when: formatRangeInZone(
        parseInstant(startsAt),
        parseInstant(endsAt),
        candidate.timeZone,
        true,
        candidate.locale,
      ),
      startsAt,
      endsAt,
      timeZone: candidate.timeZone,
      place: interview.place,
      placeUrl: /^https?:\/\//i.test(interview.place) && isSafeHref(interview.place) ? interview.place : null,
      sections:
        phase === 'cancelled' || phase === 'closed'
          ? []
          : invitationSections(input).filter(
              // Before a pick the stored time is only the plan's placeholder: no section states it.
              (section) => !slotOffer?.awaitingPick || !TIMED_SECTIONS.has(section.heading),
            ),
      contact: { name: facts.navigator.name, email: facts.navigator.email },
      response: current
        ? {
            kind: current.kind as CandidateResponseKind,
            at: current.created_at,
            reason: current.reason,
            source: current.source as 'portal' | 'calendar',
            proposedStartsAt: current.proposed_starts_at,
          }
        : null,
      accommodations: accommodations.map((row) => ({
        text: row.text,
        at: row.created_at,
        answer: row.answer,
        answeredAt: row.answered_at,
      })),
      repository: await this.cloneBlock(phase, interview.id, candidate.locale),
      hearBack: { asked: phase === 'after' && !deadline, deadline },
      survey: { open: phase === 'after' || phase === 'decided', answered: surveyAnswered },
      decisionMessageSentAt,
      privacy: {
        kept: [
          tr.t('portal.privacyKeptContact'),
          tr.t('portal.privacyKeptTold'),
          tr.t('portal.privacyKeptNotes'),
          tr.t('portal.privacyKeptCode'),
          tr.t('portal.privacyKeptSurvey'),
        ],
        howLong: tr.t('portal.privacyHowLong', {
          name: facts.navigator.name,
          days: this.options.daysAfterDecision,
        }),
        linkExpiresAt: expiresAt,
        requests: dataRequests.map((row) => ({ kind: row.kind as 'copy' | 'erasure', at: row.created_at })),
      },
    };
  }

  /**
   * The candidate's own choice of language: stored on the candidate, so the portal and every
   * later message (update, reminder, decision) are in it.
   */
  async chooseLocale(token: string, locale: string): Promise<PortalView> {
    const { facts } = await this.open(token);
    if (!this.choosableLocales().includes(locale)) {
      const { t } = translator(facts.candidate.locale);
      throw new AppError('unprocessable', t('portal.errorLanguage'), {
        locale: `${t('portal.errorLanguage')} (${this.choosableLocales().join(', ')})`,
      });
    }
    await this.locales.setLocale(facts.candidate.id, locale as MessageLocale);
    return this.view(token);
  }

  private choosableLocales(): string[] {
    return this.options.pseudoLocale ? [...candidateLocales, pseudoLocale] : [...candidateLocales];
  }

  async confirm(token: string): Promise<PortalView> {
    return this.respond(token, 'confirmed', null);
  }

  /** The candidate picks one of the offered times; the confirmation follows by mail. */
  async pickSlot(token: string, slotId: string): Promise<PortalView> {
    const { facts } = await this.open(token);
    if (portalPhase(facts.interview.stage) !== 'upcoming' || !this.options.slots) {
      throw new AppError('conflict', translator(facts.candidate.locale).t('slots.errorNotAhead'));
    }
    await this.options.slots.pick(facts, slotId);
    return this.view(token);
  }

  async requestReschedule(token: string, reason: string | undefined): Promise<PortalView> {
    return this.respond(token, 'reschedule_requested', reason?.trim() || null);
  }

  private async respond(
    token: string,
    kind: 'confirmed' | 'reschedule_requested',
    reason: string | null,
  ): Promise<PortalView> {
    const { facts } = await this.open(token);
    const { interview } = facts;
    const { t } = translator(facts.candidate.locale);
    if (portalPhase(interview.stage) !== 'upcoming') {
      throw new AppError('conflict', t('portal.errorNotAhead'));
    }
    if (kind === 'confirmed' && (await this.options.slots?.offer(facts))?.awaitingPick) {
      throw new AppError('conflict', t('slots.errorPickFirst'));
    }
    const responses = await this.repository.responses(interview.id);
    const current = responses.filter((r) => r.calendar_sequence === interview.calendar_sequence).at(-1);
    // Pressing the same button twice tells the navigator nothing new.
    if (current?.kind === kind && current.reason === reason) return this.view(token);
    await this.events.transaction(async (trx, record) => {
      await this.repository.insertResponse(
        interview.id,
        { kind, reason, calendarSequence: interview.calendar_sequence },
        trx,
      );
      // The candidate's own words and nothing else: no field here can mark anyone down.
      await record({
        interviewId: interview.id,
        actorId: null,
        ...(kind === 'confirmed'
          ? { type: 'candidate_confirmed', payload: {} }
          : { type: 'candidate_requested_reschedule', payload: { reason } }),
      });
      const notice = renderCandidateResponseNotice({
        candidateName: facts.candidate.name,
        kind,
        reason,
        when: this.whenForPanel(facts),
        interviewUrl: interviewUrlFor(this.options.publicUrl(), interview.id),
      });
      await this.outbox.enqueue(
        {
          kind: 'candidate_response',
          interviewId: interview.id,
          mail: { to: this.navigatorAddress(facts), ...notice },
        },
        trx,
      );
    });
    return this.view(token);
  }

  async requestAccommodation(token: string, text: string): Promise<PortalView> {
    const { facts } = await this.open(token);
    const phase = portalPhase(facts.interview.stage);
    const { t } = translator(facts.candidate.locale);
    if (phase !== 'upcoming' && phase !== 'in_session') {
      throw new AppError('conflict', t('portal.errorOver'));
    }
    const existing = await this.repository.accommodations(facts.interview.id);
    if (existing.length >= MAX_ACCOMMODATION_REQUESTS) {
      throw new AppError(
        'conflict',
        t('portal.errorTooManyRequests', { name: facts.navigator.name, email: facts.navigator.email }),
      );
    }
    await this.events.transaction(async (trx, record) => {
      await this.repository.insertAccommodation(facts.interview.id, text, trx);
      // The request itself may be health information: it stays out of the shared timeline.
      await record({
        interviewId: facts.interview.id,
        type: 'accommodation_requested',
        actorId: null,
        payload: {},
      });
      const notice = renderAccommodationNotice({
        candidateName: facts.candidate.name,
        text,
        when: this.whenForPanel(facts),
        interviewUrl: interviewUrlFor(this.options.publicUrl(), facts.interview.id),
      });
      await this.outbox.enqueue(
        {
          kind: 'accommodation_request',
          interviewId: facts.interview.id,
          mail: { to: this.navigatorAddress(facts), ...notice },
        },
        trx,
      );
    });
    return this.view(token);
  }

  async recordHearBack(token: string, deadline: string): Promise<PortalView> {
    const { facts } = await this.open(token);
    const tr = translator(facts.candidate.locale);
    if (portalPhase(facts.interview.stage) !== 'after') {
      throw new AppError('conflict', tr.t('portal.errorHearBackNotYet'));
    }
    const today = DateTime.now().setZone(facts.candidate.timeZone).toISODate()!;
    const interviewDate = interviewDay(facts.interview);
    // The same rule as the panel's, worded for the candidate in their language.
    if (hearBackRefusal(deadline, { interviewDate, today })) {
      const message =
        deadline < interviewDate
          ? tr.t('portal.errorHearBackBefore', {
              date: formatDateInZone(DateTime.fromISO(interviewDate, { zone: 'UTC' }), 'UTC', tr.locale),
            })
          : tr.t('portal.errorHearBackPast');
      throw new AppError('unprocessable', message, { deadline: message });
    }
    await this.events.transaction(async (trx, record) => {
      const wrote = await this.retrospectives.recordDeadlineIfMissing(facts.interview.id, deadline, trx);
      if (!wrote) throw new AppError('conflict', tr.t('portal.errorHearBackKnown'));
      await record({
        interviewId: facts.interview.id,
        type: 'candidate_deadline_recorded',
        actorId: null,
        payload: { deadline },
      });
    });
    return this.view(token);
  }

  async answerSurvey(token: string, answer: Required<SurveyBody>): Promise<PortalView> {
    const { facts } = await this.open(token);
    const phase = portalPhase(facts.interview.stage);
    const { t } = translator(facts.candidate.locale);
    if (phase !== 'after' && phase !== 'decided') {
      throw new AppError('conflict', t('portal.errorSurveyNotYet'));
    }
    // No interview event: an entry in the timeline would tie the anonymous answer to this interview.
    const stored = await this.repository.insertSurveyAnswer(facts.interview.id, {
      positionId: facts.position.id,
      preparedScore: answer.preparedScore,
      surprise: answer.surprise,
      comments: answer.comments,
    });
    if (!stored) throw new AppError('conflict', t('portal.errorSurveyAnswered'));
    return this.view(token);
  }

  async requestData(token: string, kind: 'copy' | 'erasure'): Promise<PortalView> {
    const { facts } = await this.open(token);
    const pending = await this.repository.dataRequests(facts.interview.id);
    if (pending.some((row) => row.kind === kind && !row.processed_at)) return this.view(token);
    await this.events.transaction(async (trx, record) => {
      await this.repository.insertDataRequest(facts.interview.id, kind, trx);
      await record({
        interviewId: facts.interview.id,
        type: 'data_request_recorded',
        actorId: null,
        payload: { kind },
      });
    });
    return this.view(token);
  }

  private async open(token: string): Promise<{ facts: InterviewFacts; expiresAt: string }> {
    const { interviewId, expiresAt } = await this.tokens.resolve(token);
    const facts = await this.facts.facts(interviewId);
    if (!facts) throw new AppError('not_found', 'This link is not active.');
    return { facts, expiresAt };
  }

  private async cloneBlock(phase: PortalPhase, interviewId: string, locale: MessageLocale) {
    if (phase === 'upcoming' || phase === 'in_session') {
      return (
        (await this.options.cloneBlock?.(interviewId, locale)) ?? {
          ...placeholderCloneBlock,
          message: translator(locale).t('repo.placeholder'),
        }
      );
    }
    // Right after pairing the block asks the candidate to delete their copy; later it has no use.
    if (phase === 'after') return (await this.options.cloneBlock?.(interviewId, locale)) ?? null;
    return null;
  }

  private whenForPanel(facts: InterviewFacts): string {
    const start = parseInstant(facts.interview.starts_at);
    const zone = facts.interview.time_zone;
    return `${formatDateInZone(start, zone)}, ${formatTimeInZone(start, zone)} (${zone})`;
  }

  private navigatorAddress(facts: InterviewFacts) {
    return { name: facts.navigator.name, address: facts.navigator.email };
  }
}
