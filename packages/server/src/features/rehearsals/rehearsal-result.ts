/** What a rehearsal reports, step by step and as a whole; the runner's and its callers' shared vocabulary. */

export type RehearsalStepKind = 'clone' | 'setup' | 'test';

export type RehearsalProgressEvent = {
  type: 'step-started' | 'output' | 'step-finished' | 'finished';
  /** Index into `steps`; the clone is step 0. */
  stepIndex: number;
  command: string;
  /** Since the step started ('finished': since the rehearsal started). */
  elapsedMs: number;
  /** The last lines of the step's output. */
  tail: string[];
  step?: RehearsalStepResult;
  result?: RehearsalResult;
};

export type RehearsalStepResult = {
  kind: RehearsalStepKind;
  command: string;
  /** null when the step was killed (timeout, cancel) or could not start. */
  exitCode: number | null;
  durationMs: number;
  outputTail: string;
  outputBytes: number;
  timedOut: boolean;
};

export type RehearsalResult = {
  steps: RehearsalStepResult[];
  /** Clone plus every step, as a candidate would experience it. */
  totalMs: number;
  passed: boolean;
  /** Only a passing rehearsal can show that the setup fits the budget. */
  withinBudget: boolean;
  budgetMs: number;
  slowestStep?: { index: number; durationMs: number };
  failedStep?: { index: number; reason: string };
  cancelled: boolean;
  machineLabel: string;
  /** When the rehearsal started, ISO 8601. */
  at: string;
};
