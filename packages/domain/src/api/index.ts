export * from './candidates.ts';
export * from './common.ts';
export * from './interviews.ts';
export * from './positions.ts';
export * from './scorecards.ts';
export * from './tasks.ts';
export * from './users.ts';
