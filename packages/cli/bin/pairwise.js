#!/usr/bin/env node
// Pairwise runs its TypeScript sources through tsx, so there is no separate server build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
