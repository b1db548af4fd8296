export * from './bias-check-api.ts';
export * from './checklist.ts';
export * from './custom-terms.ts';
export * from './observation-split.ts';
export * from './rule-match.ts';
export * from './rules.ts';
export * from './structural-checks.ts';
