export * from './api/index.ts';
export * from './errors.ts';
export * from './interview-clock.ts';
export * from './lifecycle.ts';
export * from './note-tags.ts';
export * from './planning-checklist.ts';
export * from './scorecard.ts';
export * from './invitation/index.ts';
