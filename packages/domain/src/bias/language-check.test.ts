import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { customTermToRule } from './custom-terms.ts';
import { checkEquality, checkLanguage, checkLanguageOfEach, checkRules } from './language-check.ts';
import type { LanguageFinding } from './rule-match.ts';
import type { BiasRule } from './rules.ts';

const phrases = (findings: LanguageFinding[]) => findings.map((f) => f.phrase);

describe('checkLanguage', () => {
  it('returns offsets that slice the flagged phrase out of the text', () => {
    const text = 'Setup was quick.\n\nHonestly a rockstar, and she reminds me of myself.';
    const findings = checkLanguage(text);
    expect(findings.length).toBeGreaterThanOrEqual(2);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.phrase);
    expect(phrases(findings)).toEqual(['rockstar', 'reminds me of myself']);
  });

  it('explains each finding with its category, message and suggestion', () => {
    const [finding] = checkLanguage('Strong culture fit.');
    expect(finding).toMatchObject({
      ruleId: 'culture-fit',
      category: 'affinity',
      phrase: 'culture fit',
      source: 'pairwise',
    });
    expect(finding?.message).toMatch(/similarity/i);
    expect(finding?.suggestion).toMatch(/behaviour/i);
  });

  it('keeps a verdict with no sense in the work, even after a clause of observed work', () => {
    // The learned check reads the whole sentence as work; "culture fit" has no technical sense,
    // so the model does not get to clear it.
    for (const text of [
      'Wrote the failing test first, then the simplest code; a real culture fit.',
      'Extracted the parser into its own module and named it well; reminds me of myself.',
    ]) {
      expect(checkLanguage(text).map((f) => f.category)).toContain('affinity');
    }
  });

  it('does not flag pronouns describing what someone did', () => {
    const text =
      "She extracted a function. He renamed his variables; her tests passed and she'll add one more. " +
      "He's fast with git; I asked him and he said he'd rather use hers. She herself suggested it.";
    expect(checkLanguage(text)).toEqual([]);
  });

  it('still reports general inconsiderate wording from retext-equality', () => {
    const findings = checkLanguage('Thanks guys, that was a crazy session.');
    expect(findings.map((f) => [f.source, f.phrase, f.category])).toEqual([
      ['retext-equality', 'guys', 'inconsiderate_wording'],
      ['retext-equality', 'crazy', 'inconsiderate_wording'],
    ]);
    expect(findings[0]?.suggestion).toMatch(/people|folks|everyone/i);
  });

  it('drops retext-equality findings in a technical sense', () => {
    const text =
      'Pushed to the master branch, read the man page, wrote a dummy implementation, replaced primitive ' +
      'strings, handled the special case, disabled the flaky test, challenged my assumption and kept a ' +
      'clear mental model. It was a simple, easy fix that just worked.';
    expect(checkLanguage(text)).toEqual([]);
  });

  it('reports a phrase once, preferring the interview-specific explanation', () => {
    const findings = checkLanguage('Probably has ADHD.');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ source: 'pairwise', category: 'health_disability', phrase: 'ADHD' });
    expect(phrases(checkEquality('Has special needs.'))).toEqual(['special needs']);
  });

  it('sorts findings by position in the text', () => {
    const findings = checkLanguage('Digital native, very bubbly, heavy accent, weak overall.');
    expect(findings.map((f) => f.start)).toEqual([...findings.map((f) => f.start)].sort((a, b) => a - b));
    expect(findings.map((f) => f.category)).toEqual([
      'age',
      'gender_coded',
      'accent_language',
      'vague_judgement',
    ]);
  });

  it('matches whole words only, case-insensitively, including curly apostrophes', () => {
    expect(checkLanguage('Checked the WEAKMAP and the smartphone-free test.')).toEqual([]);
    expect(phrases(checkLanguage('A ROCKSTAR.'))).toEqual(['ROCKSTAR']);
    expect(phrases(checkLanguage('Just didn’t impress me.'))).toEqual(['didn’t impress']);
  });

  it('handles empty and whitespace-only text', () => {
    expect(checkLanguage('')).toEqual([]);
    expect(checkLanguage('  \n ')).toEqual([]);
  });

  it('checks an organisation’s extra rules after its own', () => {
    const extra = customTermToRule({
      phrase: 'Oxbridge type',
      category: 'affinity',
      message: 'Where someone studied is not evidence of how they pair.',
      suggestion: 'Describe what they did in the session.',
    });
    const text = 'An Oxbridge-type, very smart.';
    const findings = checkLanguage(text, { extraRules: [extra] });
    expect(findings.map((f) => f.ruleId)).toEqual(['custom:oxbridge-type', 'intelligence-labels']);
    expect(findings[0]?.phrase).toBe('Oxbridge-type');
    // Without the term, the pattern check still sees a verdict resting on a school's prestige;
    // with it, the organisation's own explanation of the same words is shown instead.
    expect(checkLanguage(text).map((f) => f.ruleId)).toEqual([
      'pattern:pedigree-judgement',
      'intelligence-labels',
    ]);
  });

  it('flags a judgement resting on a background named indirectly, and leaves the same words next to observed work', () => {
    const flagged = (text: string) => checkLanguage(text).map((f) => [f.category, f.phrase]);
    expect(flagged('Grew up in Marzahn, so not sure about his work ethic.')).toEqual([
      ['nationality_ethnicity_religion', 'Grew up'],
    ]);
    expect(flagged('Introvert, won’t speak up in planning.')).toEqual([
      ['personality_stereotype', 'Introvert'],
    ]);
    expect(flagged('Much weaker than the candidate this morning.')).toContainEqual([
      'contrast',
      'candidate this',
    ]);
    expect(flagged('Nailed the naming, so I rated everything high.').map(([c]) => c)).toContain('halo_horn');
    expect(flagged('Surprisingly technical for a girl from a design background.')[0]?.[0]).toBe(
      'gender_coded',
    );
    expect(flagged('Tested a name with an accent on the e and kept UTF-8 everywhere.')).toEqual([]);
    expect(flagged('He killed the child process when the parent exited.')).toEqual([]);
    expect(flagged('Configured the allowed origins for CORS to the two front-end hosts.')).toEqual([]);
    expect(flagged('Checked the contrast ratio of the button text and raised it to 4.5:1.')).toEqual([]);
    expect(
      flagged(
        'She uses a screen reader and navigated the code by symbols; she found the bug in the reducer.',
      ),
    ).toEqual([]);
  });

  it('checks many texts at once with offsets into each, never matching across two of them', () => {
    const texts = [
      'Wrote the test first.',
      'Honestly too',
      'young and a rockstar, crazy good.',
      '',
      'Special',
      'needs.',
    ];
    const batched = checkLanguageOfEach(texts);
    expect(batched).toEqual(texts.map((text) => checkLanguage(text)));
    expect(batched.map(phrases)).toEqual([[], [], ['young', 'rockstar', 'crazy'], [], ['Special'], []]);
    expect(checkLanguageOfEach([])).toEqual([]);
  });

  it('refuses an extra rule whose pattern is not a valid regular expression, naming the rule', () => {
    const broken: BiasRule = {
      id: 'org:broken',
      category: 'vague_judgement',
      patterns: ['(unclosed'],
      message: 'm',
      suggestion: 's',
    };
    expect(() => checkLanguage('anything', { extraRules: [broken] })).toThrow(AppError);
    expect(() => checkLanguage('anything', { extraRules: [broken] })).toThrow(/org:broken/);
  });
});

describe('a background stated as logistics', () => {
  // Someone else acts on the fact (the recruiter, a booked room) or the writer says it is not
  // assessed, and nothing of the candidate is predicted or judged: a fact, not a verdict.
  it.each([
    'He is hard of hearing; we booked a room with a loop system and the session ran normally.',
    'Needs a visa, which the recruiter will handle; not part of my evaluation.',
    'The cache key uses the surname field and the date of birth.',
    // A date that follows from the fact, and the session adapted to it by the panel.
    'Her parental leave ends in March, so the earliest start date would be April.',
    'Observes the Sabbath, so we moved the session to Thursday.',
    'He uses a screen reader, so we shared the code through the editor instead of the screen.',
  ])('is left alone: %s', (text) => {
    expect(checkLanguage(text)).toEqual([]);
  });

  // The same facts joined to a prediction or a worry about the person are still flagged.
  it.each([
    [
      'Needs a visa, and the recruiter says he will probably leave once he has a passport.',
      'nationality_ethnicity_religion',
    ],
    ['Uses a wheelchair and the office has stairs; I doubt she could handle team days.', 'health_disability'],
  ])('is flagged when the sentence also judges the person: %s', (text, category) => {
    expect(checkLanguage(text).map((f) => f.category)).toContain(category);
  });
});

describe('verdicts formed before the work, and one trait carried to the rest', () => {
  it.each([
    ['Shook my hand too softly and lost me right there.', 'first_impression'],
    ['Knew the framework author personally, so the missing tests do not really matter.', 'halo_horn'],
    // One observation carried to other attributes, to the future, or taken as read.
    [
      'Explained the cache eviction clearly, so I would rate her strong on delivery and mentoring too.',
      'halo_horn',
    ],
    ['Forgot one null check, so he will be breaking the build every sprint.', 'halo_horn'],
    ['Runs a popular newsletter, no need to probe the error handling.', 'halo_horn'],
    ['Her greeting was so warm I did not really need to see the tests.', 'halo_horn'],
    ['Typed with one finger at first and he never quite recovered for me.', 'first_impression'],
  ])('flags %s', (text, category) => {
    expect(checkLanguage(text).map((f) => f.category)).toContain(category);
  });
});

describe('a claim about a kind of person, carried to this one', () => {
  it.each([
    ['Introverted people never speak up in planning, so she will not either.', 'personality_stereotype'],
    ['Seems the artsy type, so expect her to skip the documentation.', 'personality_stereotype'],
    ['Too polite, she will get talked over in design reviews.', 'personality_stereotype'],
    ['Sharper than this round’s pool, easily.', 'contrast'],
  ])('flags %s', (text, category) => {
    expect(checkLanguage(text).map((f) => f.category)).toContain(category);
  });

  // The same words in their technical or product sense.
  it.each([
    'Finished the TLS handshake check and the tests passed.',
    'Switched the pipeline to main instead of master.',
    'Measured the first impression users get of the landing page: 900 ms to first paint.',
    'Renamed the blacklist constant to denylist and updated its callers.',
    'Added the Money type, and a test for rounding.',
    'Could not write the loop without help; below the bar for a senior role.',
  ])('is left alone: %s', (text) => {
    expect(checkLanguage(text)).toEqual([]);
  });
});

describe('a background or a trait joined to a verdict past what was observed', () => {
  it.each([
    // The background in one clause and the verdict in the next are one judgement.
    ['Plays polo most weekends; he would be great with the board.', 'class_pedigree'],
    ['Learned to code on a twelve-week bootcamp, so I am sceptical of the design choices.', 'class_pedigree'],
    ['Her previous employer folded within a year, which says little for her judgement.', 'class_pedigree'],
    ['Into bouldering like me; people who climb have the patience this team needs.', 'affinity'],
    ['Her hair was a mess on camera; imagine the state of her commits.', 'appearance'],
    ['Hard of hearing, and realistically he would hold up the stand-ups.', 'health_disability'],
    // One trait or moment carried to other attributes, to everything, or to what was never seen.
    ['Was curt with me once, so I am marking her down on teamwork, delivery and testing.', 'halo_horn'],
    ['Keynoted two conferences, so her testing and design are clearly a given.', 'halo_horn'],
    ['Misnamed one function and I stopped trusting the rest of his refactor.', 'halo_horn'],
    ['Fumbled the first git command, clearly not strong at anything.', 'halo_horn'],
    ['Great storyteller, so I rated her architecture high even though we never got to it.', 'halo_horn'],
    ['Her camera froze at the start and it coloured the whole interview for me.', 'first_impression'],
    ['Our last hire would have had this finished in half the time.', 'contrast'],
    ['Did not come across as senior.', 'vague_judgement'],
  ])('flags %s', (text, category) => {
    expect(checkLanguage(text).map((f) => f.category)).toContain(category);
  });

  // The same words as logistics the panel handled, or in their technical sense.
  it.each([
    'Uses a hearing aid; we paused for a moment to fix the audio, as agreed, and carried on.',
    'The checkout button stayed disabled until the form was valid, which she tested.',
    'Sorting ignored accents because of the collation, so he switched to a binary comparison.',
    'The table did not fit in the viewport on mobile, so she let it scroll.',
    'Age of the oldest pending job is what she graphed first.',
    'She is completing a master’s in the evenings and can start in May.',
    'He fixed the underlying issue instead of muting the warning.',
  ])('is left alone: %s', (text) => {
    expect(checkLanguage(text)).toEqual([]);
  });
});

describe('one small slip carried to the person, and words whose sense is the work', () => {
  it.each([
    // One moment stretched to everywhere, to the future, or to a kind of person.
    ['Mistyped one import, so probably careless everywhere.', 'halo_horn'],
    ['Needed a hint once, so she won’t be able to own a service.', 'halo_horn'],
    ['Swapped two arguments, and that is the sort of engineer who breaks production.', 'halo_horn'],
    ['Blanked on the slice syntax, so he doesn’t really know Go.', 'halo_horn'],
    ['Uses a trackpad. Enough said.', 'halo_horn'],
    ['Bad at small talk, so I marked her down on communication.', 'first_impression'],
    ['Not what we’re looking for.', 'vague_judgement'],
    ['Studied at a no-name university, surprised she kept up.', 'class_pedigree'],
  ])('flags %s', (text, category) => {
    expect(checkLanguage(text).map((f) => f.category)).toContain(category);
  });

  it.each([
    // A branch or a list in the same breath as its modern name.
    'Pushed to main, not master, because the default branch had been renamed.',
    'Weighed a whitelist against a denylist for the upload types and chose the denylist.',
    // A chatty protocol, a lock on everything: designs, not people.
    'Profiled the client and found it was chatty; she batched the requests.',
    'Proposed a mutex on everything at first, then narrowed it to the account row.',
    // A background noted for someone else, or as what explains knowledge then shown.
    'While the build ran we made small talk about his cycling; no bearing on the assessment.',
    'He is on a work visa and said he would need sponsorship for a move; noting it for HR.',
    'His last team ran Postgres, so he knew the locking modes well.',
    'Wore a conference t-shirt from his last job; the notice period came up from there.',
  ])('is left alone: %s', (text) => {
    expect(checkLanguage(text)).toEqual([]);
  });
});

describe('whose judgement it is, and one moment carried past itself', () => {
  it.each([
    // The writer carrying one moment to the person, the future or the whole verdict.
    ['Forgot one flag of the CLI, which tells me he’ll miss details in production.', 'halo_horn'],
    ['Stumbled over a regex; made me question her whole experience.', 'halo_horn'],
    ['If she can’t set up her editor, how will she run a service?', 'halo_horn'],
    ['Spoke at a big conference last year, so I’m sure the tests are fine.', 'halo_horn'],
    ['Lovely first commit, so I didn’t bother checking the error paths.', 'halo_horn'],
    ['Mixed up PUT and PATCH; not a real engineer.', 'halo_horn'],
  ])('flags %s', (text, category) => {
    expect(checkLanguage(text).map((f) => f.category)).toContain(category);
  });

  it.each([
    // retext-equality's words with a sense in the work, in a sentence about the work.
    'Used a dummy sentinel at the head of the queue, so the empty case needed no branch.',
    'The proxy config was blind to the forwarded host header until she added it.',
    // The candidate's own account of a background, next to what they showed or as a fact.
    'Mentioned she is on garden leave until May, so could start early; noted for the recruiter.',
    'Said he taught himself from books; walked me through a pull request he had merged.',
    'Said she had a headache earlier but felt fine to continue, so we carried on.',
    // "pretty" as a degree, "drive" as the pairing role, "so he could" as a purpose.
    'Pretty quick with the debugger, and the loop was right first time.',
    'Asked me to drive for a while so she could sketch the schema on paper — that helped.',
  ])('is left alone: %s', (text) => {
    expect(checkLanguage(text)).toEqual([]);
  });
});

describe('a verdict carried past one moment, and another candidate in the pipeline', () => {
  it.each([
    ['Fumbled one test name; that kind of sloppiness shows up everywhere, I bet.', 'halo_horn'],
    ['Stammered over the intro, which made me think the rest of the answers were rehearsed.', 'halo_horn'],
    ['Forgot the base case once, so mid-level at best.', 'halo_horn'],
    ['Strong GitHub profile; didn’t check the error handling much, she’s obviously good.', 'halo_horn'],
    ['Nowhere near the Monzo candidate from last week, miles behind.', 'contrast'],
    ['Fine, but there are three better people in the pipeline.', 'contrast'],
    ['Likes the same podcast as I do; totally on my wavelength.', 'affinity'],
    ['Won’t answer Slack after hours, not the startup mindset we want.', 'affinity'],
  ])('flags %s', (text, category) => {
    expect(checkLanguage(text).map((f) => f.category)).toContain(category);
  });

  it.each([
    // The same words about the work: a query, a log format, a path left untested for time.
    'The N+1 query showed up everywhere in the profile, so she added a join.',
    'The log format suggests messy code upstream, she said, and proposed a parser.',
    'He didn’t test the retry path much because time ran out; we noted it for the debrief.',
    'Our Go service is behind the Node one in test coverage, she pointed out.',
    'Asked how many candidates in the pipeline we usually interview per role.',
  ])('is left alone: %s', (text) => {
    expect(checkLanguage(text)).toEqual([]);
  });
});

describe('a fact read to its full stop, the candidate’s own words, and one skill carried to others', () => {
  it.each([
    // One skill or moment carried to skills never seen, or to the verdict; the writer waiving the rest.
    ['Typed fast in Vim → surely knows Linux internals too.', 'halo_horn'],
    ['Forgot to close one file handle, so probably doesn’t care about resource leaks anywhere.', 'halo_horn'],
    ['Gave a lovely answer on caching, so I didn’t feel the need to look at the flaky test.', 'halo_horn'],
    ['His side project has thousands of users — skipped the design round, no need.', 'halo_horn'],
    ['The bonus question went well, so I’m overlooking that the core tests failed.', 'halo_horn'],
    ['Mixed up two HTTP verbs once and went quiet — won’t cope with an incident call.', 'halo_horn'],
    ['No Rust experience, so rated her low on systems, performance and security.', 'halo_horn'],
    [
      'Her first query was clumsy; even though she rewrote it I’d still assume her SQL is shaky.',
      'halo_horn',
    ],
    ['Camera froze at the start and he looked lost — downhill from there for me.', 'first_impression'],
    ['Greeted us with a great story and I knew right away he’d pass.', 'first_impression'],
    ['Relative to the field this month she comes first, so yes.', 'contrast'],
  ])('flags %s', (text, category) => {
    expect(checkLanguage(text).map((f) => f.category)).toContain(category);
  });

  it.each([
    // A background before a semicolon and the work shown after it are one observation.
    'Spanish is her first language; she asked me to restate the second requirement and then implemented it.',
    'His toddler walked in halfway; he paused for two minutes and picked up where he left off.',
    // The candidate's condition stated as logistics or beside the work it did not stop.
    'He told us he is dyslexic and asked for the prompt in a larger font; allowed under our accommodations policy.',
    // The candidate's words, quoted; a fit for the role with its reason; a late start with its cause.
    'No hire: joked that testing is "for interns" and skipped every assertion we asked for.',
    'Not a fit for this role: it needs on-site work in Leeds and she told us she wants fully remote.',
    'Started ten minutes late because our video link failed.',
    // Logistics handed on, a start date, a verdict followed at once by what was done.
    'She will need a new work permit to move roles — passing it to HR.',
    'Finishing a contract, available to start in May.',
    'Weak on concurrency: shared a mutable map across threads without a lock.',
    // Common ground declared so that the panel can check the scores.
    'We went to the same university; noting it so the panel can check my ratings.',
    // A technical sense: accents in text, a legacy rule in a data model.
    'Compared the accented city names after NFD normalisation and the lookup matched.',
  ])('is left alone: %s', (text) => {
    expect(checkRules(text)).toEqual([]);
  });
});
