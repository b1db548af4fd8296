import { describe, expect, it } from 'vitest';
import { patternCategories } from './pattern-check.ts';
import { matchRules } from './rule-match.ts';
import { type BiasCategory, biasCategories, pairwiseBiasRules } from './rules.ts';

/**
 * For every rule: phrases it must flag (the highlighted part is given where it matters) and
 * look-alikes it must leave alone. A new rule without examples fails the completeness test.
 */
const examples: Record<string, { flags: string[]; keeps: string[] }> = {
  'age-young-old': {
    flags: [
      'Probably too young for a lead role.',
      'Young and hungry.',
      'He seemed older than the rest of us.',
    ],
    keeps: ['A young code base with few conventions.', 'Users too young to register are rejected.'],
  },
  'age-coded-phrases': {
    flags: ['Overqualified for this.', 'A digital native.', 'Set in his ways.', 'Someone of her age.'],
    keeps: ['The old-school way of deploying over FTP.', 'A 10-year-old code base.'],
  },
  'gender-aggressive': {
    flags: ['Quite aggressive when challenged.', 'Pushed back aggressively.'],
    keeps: ['Suggested aggressive caching.', 'The compiler inlines it aggressively.'],
  },
  'gender-abrasive': {
    flags: ['A bit abrasive.', 'Bossy with the keyboard.', 'Not assertive enough.', 'Shrill under pressure.'],
    keeps: ['The code base was intimidating at first, he said.', 'Shipped the alpha release.'],
  },
  'gender-emotional': {
    flags: ['Got emotional when tests failed.', 'A bit dramatic.', 'Quite hormonal.'],
    keeps: ['Masked the sensitive data in logs.', 'The latency was very sensitive to load, she showed.'],
  },
  'gender-diminutive': {
    flags: ['Very bubbly.', 'Feisty about naming.', 'Lovely girl.', 'A bit of a mother hen.'],
    keeps: ['The API is chatty; she batched the calls.'],
  },
  'appearance-dress': {
    flags: ['Well dressed.', 'Hoodie and unshaven.', 'Professional looking.', 'Sloppy appearance.'],
    keeps: ['Checked the button appearance in dark mode.', 'We did a dress rehearsal of the demo.'],
  },
  'appearance-body': {
    flags: ['Attractive.', 'Overweight.', 'Tattoos on both arms.', "Didn't look like a typical engineer."],
    keeps: ['An attractive option for caching.', 'Moved logic out of the fat controller.'],
  },
  family: {
    flags: ['Has two small kids.', 'Her husband works abroad.', 'Single mum.', 'Planning a family.'],
    keeps: ['Rendered the child components in a loop.', 'Spawned a child process for the build.'],
  },
  'neurodivergence-mental-health': {
    flags: ['Seemed on the spectrum.', 'Probably ADHD.', 'Avoided eye contact.', 'Kind of OCD.'],
    keeps: ['Pressed the depressed button state in the test.'],
  },
  'physical-health-disability': {
    flags: ['Wears hearing aids.', 'In a wheelchair.', 'A back condition.', 'Needs a lot of breaks.'],
    keeps: ['Checked a colour-blind-safe palette.', 'The old service limps along.'],
  },
  accent: {
    flags: ['Heavy accent.', 'Hard to follow his accent.'],
    keeps: ['The accent colour was hard-coded.', 'Stripped accented characters in the slug.'],
  },
  'native-language': {
    flags: ['Not a native speaker.', 'Broken English.', 'Not her first language.', 'His English was fine.'],
    keeps: ['Ships two React Native apps.', 'Python was her first language, so she reached for a dict.'],
  },
  'nationality-stereotype': {
    flags: [
      'Typical German attention to detail.',
      'Asians are usually good at this.',
      'Looks Middle Eastern.',
    ],
    keeps: ['Handled the German locale.', 'Added the French translations.'],
  },
  'origin-faith': {
    flags: ['Being from India.', 'Needs a visa.', 'Wore a hijab.', 'Goes to mosque on Fridays.'],
    keeps: ['Validated Visa and Mastercard prefixes.', 'Coming from a Java background, she used classes.'],
  },
  'culture-fit': {
    flags: ['Strong culture fit.', 'Would fit in well with our team.', 'Will slot right in.'],
    keeps: ['A trie is a better fit for prefix search.'],
  },
  'like-me': {
    flags: ['Reminds me of myself.', 'One of us.', 'Thinks like me about tests.', 'We clicked.'],
    keeps: ['Our type definitions were out of date.', 'Asked if I would like a coffee.'],
  },
  'first-impression': {
    flags: ['First impression: nervous.'],
    keeps: ['His first impression of the code base was the naming.'],
  },
  'snap-judgement': {
    flags: ['I could tell right away.', 'Knew within seconds.', 'My gut says no.', 'Firm handshake.'],
    keeps: ['She knew at once where the bug was.', 'He decided right away to write a test.'],
  },
  'intelligence-labels': {
    flags: ['Really smart.', 'Brilliant.', 'Very sharp.', 'Clearly talented.'],
    keeps: ['Used a smart pointer.', 'Intelligent caching in the proxy.'],
  },
  'weak-strong': {
    flags: ['Pretty weak overall.', 'Strong candidate.', 'Average at best.', 'Solid, would hire.'],
    keeps: ['Used a weak reference.', 'Applied the SOLID principles.', 'Average response time was 40 ms.'],
  },
  'hype-labels': {
    flags: ['A rockstar.', 'A 10x engineer.', 'Natural talent.'],
    keeps: ['Walked through the setup wizard.'],
  },
  'fit-seniority': {
    flags: ['Not a good fit.', 'Not senior enough.', 'Lacks the X factor.', 'Something felt off.'],
    keeps: ['Used lazy loading for the images.', 'Had no confidence in the flaky test, so he deleted it.'],
  },
};

const ruleIdsIn = (text: string) => matchRules(text).map((f) => f.ruleId);

describe('Pairwise bias rules', () => {
  it('have examples for every rule, and no examples for rules that do not exist', () => {
    expect(Object.keys(examples).sort()).toEqual(pairwiseBiasRules.map((r) => r.id).sort());
  });

  it('have unique ids, a message and a suggestion each', () => {
    const ids = pairwiseBiasRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of pairwiseBiasRules) {
      expect(rule.patterns.length, rule.id).toBeGreaterThan(0);
      expect(rule.message.length, rule.id).toBeGreaterThan(10);
      expect(rule.suggestion.length, rule.id).toBeGreaterThan(10);
    }
  });

  it('cover every interview category', () => {
    const covered = new Set<BiasCategory>(pairwiseBiasRules.map((r) => r.category));
    // The pattern check explains a few categories that no single phrase names.
    const byPatterns = new Set<BiasCategory>(patternCategories);
    expect(
      biasCategories.filter((c) => c !== 'inconsiderate_wording' && !covered.has(c) && !byPatterns.has(c)),
    ).toEqual([]);
  });

  for (const rule of pairwiseBiasRules) {
    describe(`${rule.category} / ${rule.id}`, () => {
      for (const text of examples[rule.id]?.flags ?? []) {
        it(`flags "${text}"`, () => expect(ruleIdsIn(text)).toContain(rule.id));
      }
      for (const text of examples[rule.id]?.keeps ?? []) {
        it(`leaves "${text}" alone`, () => expect(ruleIdsIn(text)).not.toContain(rule.id));
      }
    });
  }
});
