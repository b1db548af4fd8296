import { describe, expect, it } from 'vitest';
import { committedModel, featuresOf, stems } from './bias-classifier.ts';
import { measureFile } from './bias-measure.ts';
import { trainingDigest, tuningItems } from './bias-training.ts';
import { checkLanguage, checkRules } from './language-check.ts';

describe('the learned bias check', () => {
  // Retraining takes seconds of CPU; the digest of what it would be trained on (every item's
  // features and label, and the procedure's settings) takes a fraction of that and changes
  // whenever the corpus, a lexicon or a feature does.
  it('is trained on the corpus as it is now (run `npm run train:bias` when this fails)', () => {
    expect(committedModel.digest).toBe(trainingDigest(tuningItems()));
  }, 30_000);

  it('stems words and spells out contractions, so "won\'t" and "wont" share the negation', () => {
    expect(stems("She won't cope; he's judging, they'd struggle")).toEqual([
      'she',
      'will',
      'not',
      'cope',
      'he',
      'judg',
      'they',
      'would',
      'struggle',
    ]);
    expect(featuresOf('probably too old for our team', [])).toEqual(
      expect.arrayContaining(['w:old', 'b:too old', 'class:hedge', 'class:outcome']),
    );
  });

  it('adds a finding the rules miss, with a category, an explanation and a rewrite', () => {
    const learnedOnly = 'seems the quiet bookish type, I doubt the clients would warm to him';
    expect(checkRules(learnedOnly)).toEqual([]);
    const [finding] = checkLanguage(learnedOnly);
    expect(finding).toMatchObject({ source: 'pairwise', start: 0, category: 'personality_stereotype' });
    expect(finding!.ruleId).toBe('model:personality_stereotype');
    expect(finding!.message.length).toBeGreaterThan(20);
    expect(finding!.suggestion.length).toBeGreaterThan(20);
  });

  it.each([
    'The cache entry age was checked against max-age before serving it.',
    'killed the parent process and the child kept running, she noticed and added a handler',
    'Set the CORS origin to the exact host instead of a wildcard.',
    'First impression of the code base: the module boundaries are unclear.',
    'she said she is self-taught; she wrote the parser with a clear grammar and tests',
    'Did not write a single test in 50 minutes despite two prompts.',
    'he asked for a hint on the regex after ten minutes and used it well',
  ])('leaves a hard neutral sentence alone: %s', (text) => {
    expect(checkLanguage(text)).toEqual([]);
  });

  it('measures a labelled file of { kind, biased, text } items: recall, false positives, misses per kind', () => {
    const report = measureFile([
      { kind: 'age', biased: true, text: 'Not sure someone his age will keep up with how fast we ship.' },
      { kind: 'vague', biased: true, text: 'Wrote the test first.' },
      { kind: 'neutral_technical', biased: false, text: 'Set the CORS origin to the exact host.' },
    ]);
    expect(report).toContain('2 biased, 1 neutral: recall 0.500, false-positive rate 0.000');
    expect(report).toContain('misses per kind: vague 1');
    expect(() => measureFile([{ kind: 'age', text: 'no label' }])).toThrow(/boolean "biased"/);
  });
});
