export * from './candidate-data.ts';
export * from './disclosure.ts';
export * from './free-busy.ts';
export * from './panel.ts';
export * from './planning-guards.ts';
export * from './protected-time.ts';
export * from './transitions.ts';
export * from './work-queue.ts';
