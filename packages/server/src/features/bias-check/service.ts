import {
  AppError,
  type BiasCategory,
  type BiasCheck,
  type BiasCheckSummary,
  type BiasLanguageFinding,
  type BiasRule,
  biasCategoryLabels,
  checkStructure,
  customTermToRule,
  findingBlocksSubmission,
  isProtectedCategory,
  type KeepForReview,
  type KeepPhraseRequest,
  keepReviewRefusal,
  type Note,
  notFound,
  type ReviewKeepRequest,
  scorecardRefusal,
  unprocessable,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/auth/actor.ts';
import type { InterviewsRepository } from '../interviews/repository.ts';
import type { InterviewsService } from '../interviews/service.ts';
import type { NotesRepository } from '../notes/repository.ts';
import { CheckedTexts, languageCheck } from './check-in-slices.ts';
import { type BiasCheckRepository, parseRatings, type ResolutionKey, resolutionKey } from './repository.ts';

interface InterviewFacts {
  id: string;
  position_id: string;
  starts_at: string;
  time_zone: string;
}

/**
 * The bias check of one panel member's notes and impression: language findings with how each
 * was resolved, and the structural checks on their scorecard. Findings are always computed from
 * the current texts, so an edit can never leave a stale highlight; only resolutions are stored
 * (a text's findings are remembered by its digest, which an edit changes).
 */
export class BiasCheckService {
  private readonly checkedTexts = new CheckedTexts();

  constructor(
    private readonly repository: BiasCheckRepository,
    private readonly notes: NotesRepository,
    private readonly interviews: InterviewsService,
    private readonly interviewsRepository: InterviewsRepository,
  ) {}

  async check(actor: Actor, interviewId: string): Promise<BiasCheck> {
    const { interview } = await this.interviews.access(actor, interviewId, 'take_notes');
    const evaluation = await this.evaluate(interview, actor.id);
    return {
      language: evaluation.findings,
      structural: evaluation.structural,
      resolutions: evaluation.resolutions,
      openCount: evaluation.findings.filter(findingBlocksSubmission).length,
    };
  }

  async keep(actor: Actor, interviewId: string, request: KeepPhraseRequest): Promise<BiasCheck> {
    const { interview, process, reader } = await this.interviews.accessWithPanel(
      actor,
      interviewId,
      'take_notes',
    );
    // Phrases are resolved while one's own texts can still change: the rating window.
    const refusal = scorecardRefusal(process, reader, 'rate');
    if (refusal) throw refusal;
    const { findings } = await this.evaluate(interview, actor.id);
    const key = resolutionKey(request);
    const finding = findings.find((f) => resolutionKey(f) === key);
    if (!finding) {
      throw unprocessable('That phrase is not flagged in your notes or impression (any more).', {
        phrase: 'Reload the bias check: the text may have changed.',
      });
    }
    // The reason goes through the same check: a biased reason would otherwise unlock the gate.
    const { checkLanguage } = await languageCheck();
    const inReason = checkLanguage(request.reason, { extraRules: await this.rules() });
    if (inReason.length > 0) {
      const first = inReason[0]!;
      throw new AppError(
        'unprocessable',
        'The reason itself is flagged by the bias check; say what you observed instead.',
        { reason: `"${first.phrase}" (${biasCategoryLabels[first.category]}): ${first.message}` },
        {
          findings: inReason.map((f) => ({
            ruleId: f.ruleId,
            category: f.category,
            start: f.start,
            end: f.end,
            phrase: f.phrase,
            message: f.message,
            suggestion: f.suggestion,
          })),
        },
      );
    }
    await this.repository.resolve(
      interviewId,
      actor.id,
      request,
      'kept',
      request.reason,
      finding.category,
      isProtectedCategory(finding.category),
    );
    return this.check(actor, interviewId);
  }

  /** Kept phrases in protected categories of the other panel members, for a second reviewer. */
  async keepsForReview(actor: Actor, interviewId: string): Promise<KeepForReview[]> {
    const { interview, process, reader } = await this.interviews.accessWithPanel(actor, interviewId, 'view');
    const refusal = keepReviewRefusal(process, reader);
    if (refusal) throw refusal;
    const out: KeepForReview[] = [];
    for (const author of process.panel) {
      if (author.id === actor.id) continue;
      out.push(...(await this.keepsOf(interview, author)));
    }
    return out;
  }

  /** A second reviewer confirms or rejects a kept phrase; recorded with who and when. */
  async reviewKeep(actor: Actor, interviewId: string, request: ReviewKeepRequest): Promise<KeepForReview[]> {
    const { interview, process, reader } = await this.interviews.accessWithPanel(actor, interviewId, 'view');
    const author = process.panel.find((m) => m.id === request.authorId);
    if (!author) throw unprocessable('That person is not on the panel.', { authorId: 'Not a panel member.' });
    const refusal = keepReviewRefusal(process, reader, author.id);
    if (refusal) throw refusal;
    const key = resolutionKey(request);
    const keep = (await this.keepsOf(interview, author)).find((k) => resolutionKey(k) === key);
    if (!keep) {
      throw unprocessable('That phrase is not kept in a protected category (any more).', {
        phrase: 'Reload: the author may have rewritten it.',
      });
    }
    if (keep.review.status !== 'pending') {
      throw new AppError(
        'conflict',
        `That keep was ${keep.review.status} already by ${keep.review.reviewerName}.`,
      );
    }
    const status = request.verdict === 'confirm' ? 'confirmed' : 'rejected';
    if (!(await this.repository.review(interviewId, author.id, request, status, actor.id))) {
      throw new AppError('conflict', 'That keep changed meanwhile; reload.');
    }
    return this.keepsForReview(actor, interviewId);
  }

  /** The author's kept phrases that need a second reviewer, as they stand in the current texts. */
  private async keepsOf(
    interview: InterviewFacts,
    author: { id: string; name: string },
  ): Promise<KeepForReview[]> {
    const { findings, texts } = await this.evaluate(interview, author.id);
    return findings.flatMap((f) => {
      const resolution = f.resolution;
      if (!resolution?.review) return [];
      const text = texts.get(`${f.target}\u0000${f.targetId}`) ?? '';
      return [
        {
          authorId: author.id,
          authorName: author.name,
          target: f.target,
          targetId: f.targetId,
          ruleId: f.ruleId,
          phrase: f.phrase,
          category: f.category,
          message: f.message,
          context: sentenceAround(text, f.start, f.end),
          reason: resolution.reason,
          keptAt: resolution.resolvedAt,
          review: resolution.review,
        },
      ];
    });
  }

  /**
   * Findings that hold the author's submission back, for the scorecard's submission check:
   * unresolved ones, and protected-category keeps no second reviewer has confirmed.
   */
  async openFindings(interviewId: string, authorId: string): Promise<BiasLanguageFinding[]> {
    const interview = await this.interviewFacts(interviewId);
    const { findings } = await this.evaluate(interview, authorId);
    return findings.filter(findingBlocksSubmission);
  }

  /** Called when a draft replaces the impression: phrases no longer in it count as rewritten. */
  async impressionRevised(interviewId: string, authorId: string, before: string, after: string) {
    if (before === after || before.trim() === '') return;
    const rules = await this.rules();
    const { checkLanguageOfEach } = await languageCheck();
    const [old, current] = checkLanguageOfEach([before, after], { extraRules: rules });
    const target = { target: 'impression' as const, targetId: authorId };
    await this.recordRewrites(interviewId, authorId, [
      {
        removed: (old ?? []).map((f) => ({
          ...target,
          ruleId: f.ruleId,
          phrase: f.phrase,
          category: f.category,
        })),
        kept: current ?? [],
      },
    ]);
  }

  /** Each submitted panel member's check, for the report (the caller decides who is visible). */
  async summaries(
    interviewId: string,
    authors: Array<{ id: string; name: string }>,
  ): Promise<BiasCheckSummary[]> {
    const interview = await this.interviewFacts(interviewId);
    return Promise.all(
      authors.map(async (author) => {
        const evaluation = await this.evaluate(interview, author.id);
        return {
          authorId: author.id,
          authorName: author.name,
          findings: evaluation.findings,
          resolutions: evaluation.resolutions,
          structural: evaluation.structural,
        };
      }),
    );
  }

  // --- evaluation ---

  private async rules(): Promise<BiasRule[]> {
    return (await this.repository.terms()).map(customTermToRule);
  }

  private async interviewFacts(interviewId: string): Promise<InterviewFacts> {
    // Callers have authorized already (the scorecard's submission, the report).
    const row = await this.interviewsRepository.findById(interviewId);
    if (!row) throw notFound('Interview');
    return row;
  }

  private async evaluate(interview: InterviewFacts, authorId: string) {
    const [notes, card, rules] = await Promise.all([
      this.notes.list(interview.id, { authorId }),
      this.repository.scorecard(interview.id, authorId),
      this.rules(),
    ]);
    const impression = card?.impression ?? '';
    await this.syncNoteRewrites(interview.id, authorId, notes, rules);
    const resolutions = (await this.repository.resolutions(interview.id, authorId)).map(
      ({ authorId: _, ...r }) => r,
    );
    const kept = new Map(
      resolutions.filter((r) => r.resolution === 'kept').map((r) => [resolutionKey(r), r] as const),
    );
    const perText = await this.checkedTexts.checkEach([...notes.map((n) => n.text), impression], {
      extraRules: rules,
    });
    const findings: BiasLanguageFinding[] = [];
    const texts = new Map<string, string>();
    perText.forEach((textFindings, index) => {
      const note = notes[index];
      const target = note
        ? { target: 'note' as const, targetId: note.id }
        : { target: 'impression' as const, targetId: authorId };
      texts.set(`${target.target}\u0000${target.targetId}`, note ? note.text : impression);
      for (const f of textFindings) {
        const base = { ...target, ruleId: f.ruleId, phrase: f.phrase };
        findings.push({
          ...base,
          category: f.category,
          start: f.start,
          end: f.end,
          message: f.message,
          suggestion: f.suggestion,
          resolution: kept.get(resolutionKey(base)) ?? null,
        });
      }
    });
    const ratings = card ? parseRatings(card.ratings) : [];
    const structural = checkStructure({
      ratings,
      notes: notes.map((n) => ({
        id: n.id,
        text: n.text,
        stage: n.stage,
        offsetMs: n.offsetMs,
        revisedAt: n.revisions[0]?.revisedAt ?? null,
      })),
      impressionDraftedAt: card?.impression_drafted_at ?? null,
      sameDayRatingsByNavigatorForPosition: await this.sameDayRatings(interview, authorId),
    });
    return { findings, structural, resolutions, texts };
  }

  /**
   * A phrase flagged in an earlier wording of a note and gone from the current one was
   * rewritten. Revisions are kept by the notes feature, so this needs no hook into note edits.
   */
  private async syncNoteRewrites(interviewId: string, authorId: string, notes: Note[], rules: BiasRule[]) {
    const revised = notes.filter((n) => n.revisions.length > 0);
    if (revised.length === 0) return;
    const texts = revised.flatMap((n) => [n.text, ...n.revisions.map((r) => r.text)]);
    const checked = await this.checkedTexts.checkEach(texts, { extraRules: rules });
    let index = 0;
    const changes = revised.map((note) => {
      const current = checked[index++] ?? [];
      const removed = note.revisions.flatMap(() =>
        (checked[index++] ?? []).map((f) => ({
          target: 'note' as const,
          targetId: note.id,
          ruleId: f.ruleId,
          phrase: f.phrase,
          category: f.category,
        })),
      );
      return { removed, kept: current };
    });
    await this.recordRewrites(interviewId, authorId, changes);
  }

  private async recordRewrites(
    interviewId: string,
    authorId: string,
    changes: Array<{
      removed: Array<ResolutionKey & { category: BiasCategory }>;
      kept: Array<{ ruleId: string; phrase: string }>;
    }>,
  ) {
    const existing = new Map(
      (await this.repository.resolutions(interviewId, authorId)).map((r) => [resolutionKey(r), r] as const),
    );
    for (const { removed, kept } of changes) {
      const still = new Set(kept.map((f) => `${f.ruleId}\u0000${f.phrase.toLowerCase()}`));
      for (const key of removed) {
        if (still.has(`${key.ruleId}\u0000${key.phrase.toLowerCase()}`)) continue;
        const k = resolutionKey(key);
        if (existing.get(k)?.resolution === 'rewritten') continue;
        existing.set(k, {
          ...key,
          authorId,
          resolution: 'rewritten',
          reason: '',
          resolvedAt: '',
          review: null,
        });
        await this.repository.resolve(interviewId, authorId, key, 'rewritten', '', key.category);
      }
    }
  }

  /** Contrast effect: other candidates the author rated for this position on the same local day. */
  private async sameDayRatings(interview: InterviewFacts, authorId: string): Promise<number> {
    const day = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toISODate();
    const today = day(interview.starts_at, interview.time_zone);
    const others = await this.repository.ratedForPosition(interview.position_id, authorId, interview.id);
    return others.filter((o) => day(o.starts_at, interview.time_zone) === today).length;
  }
}

/** The sentence around a phrase (at most about 300 characters), for a reviewer to read it in context. */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.search(/[^.!?\n]*$/), start - 150, 0);
  const rest = text.slice(end);
  const stop = rest.search(/[.!?\n]/);
  const to = Math.min(end + (stop === -1 ? rest.length : stop + 1), end + 150);
  return text.slice(from, to).trim();
}
