import { AppError } from '../errors.ts';
import type { BiasCategory, BiasRule } from './rule-types.ts';
import { pairwiseBiasRules } from './rules.ts';

// Pairwise's phrase rules and what a finding is, without the learned check or retext-equality:
// the structural checks and every page that shows findings need these, and only the language
// check (`./language-check.ts`, loaded on first use) needs the model and retext's word lists.

export type LanguageFindingSource = 'pairwise' | 'retext-equality';

/** One flagged phrase; `start`/`end` are UTF-16 offsets into the checked text, as `slice` takes. */
export interface LanguageFinding {
  ruleId: string;
  category: BiasCategory;
  start: number;
  end: number;
  phrase: string;
  message: string;
  suggestion: string;
  source: LanguageFindingSource;
}

export interface LanguageCheckOptions {
  /** Organisation-specific rules, checked after Pairwise's own (see `customTermToRule`). */
  extraRules?: readonly BiasRule[];
}

/** Pairwise's rules alone: what the structural checks use to spot judgements of the person. */
export function matchRules(text: string, rules: readonly BiasRule[] = pairwiseBiasRules): LanguageFinding[] {
  const findings: LanguageFinding[] = [];
  for (const rule of rules) {
    const compiled = compileRule(rule);
    let excluded: Array<[number, number]> | undefined;
    compiled.matcher.lastIndex = 0;
    for (let m = compiled.matcher.exec(text); m !== null; m = compiled.matcher.exec(text)) {
      if (m[0].length === 0) {
        compiled.matcher.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      // Exclusions are only scanned for once a rule has matched, which keeps clean text cheap.
      excluded ??= compiled.unless ? spans(compiled.unless, text) : [];
      if (excluded.some(([s, e]) => s <= start && end <= e)) continue;
      findings.push({
        ruleId: rule.id,
        category: rule.category,
        start,
        end,
        phrase: m[0],
        message: rule.message,
        suggestion: rule.suggestion,
        source: 'pairwise',
      });
    }
  }
  return findings;
}

interface CompiledRule {
  matcher: RegExp;
  unless: RegExp | null;
}

// Rules are immutable data, so each is compiled once; custom rules come and go with the
// caller's objects and are collected with them.
const compiled = new WeakMap<BiasRule, CompiledRule>();

function compileRule(rule: BiasRule): CompiledRule {
  let result = compiled.get(rule);
  if (!result) {
    result = {
      matcher: wholeWords(rule.patterns, rule.id),
      unless: rule.unless?.length ? wholeWords(rule.unless, rule.id) : null,
    };
    compiled.set(rule, result);
  }
  return result;
}

/**
 * Unicode-aware whole-word matching: `\b` only knows ASCII letters, so "naïve" or "café"
 * would split in the middle.
 */
export function wholeWords(sources: readonly string[], ruleId: string): RegExp {
  const body = sources.map((s) => `(?:${s})`).join('|');
  try {
    return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, 'giu');
  } catch (error) {
    throw new AppError(
      'unprocessable',
      `Bias rule "${ruleId}" has a pattern that is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

export function spans(re: RegExp, text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
