export * from './en.ts';
export * from './pseudo.ts';
export * from './translator.ts';
