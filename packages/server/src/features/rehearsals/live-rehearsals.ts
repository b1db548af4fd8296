import type { Rehearsal, RehearsalLiveStep, RehearsalStreamMessage } from '@pairwise/domain';
import type { RehearsalProgressEvent } from './rehearsal-runner.ts';

type Listener = (message: RehearsalStreamMessage) => void;

/**
 * Rehearsals running in this process: their state so far and who is watching. A watcher that
 * connects late gets the state first, then every change; the progress itself never touches the
 * database except once per finished step.
 */
export class LiveRehearsals {
  private readonly runs = new Map<string, LiveRun>();

  start(rehearsal: Rehearsal, controller: AbortController): LiveRun {
    const run = new LiveRun(rehearsal, controller);
    this.runs.set(rehearsal.id, run);
    return run;
  }

  get(taskId: string, id: string): LiveRun | undefined {
    const run = this.runs.get(id);
    return run?.taskId === taskId ? run : undefined;
  }

  finish(id: string, rehearsal: Rehearsal): void {
    const run = this.runs.get(id);
    this.runs.delete(id);
    run?.finish(rehearsal);
  }

  get size(): number {
    return this.runs.size;
  }

  /** Cancels every run (server shutdown); each one's own promise reports its end. */
  abortAll(): void {
    for (const run of this.runs.values()) run.controller.abort();
  }
}

export class LiveRun {
  private current: RehearsalLiveStep | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(
    private rehearsal: Rehearsal,
    readonly controller: AbortController,
  ) {}

  get taskId(): string {
    return this.rehearsal.taskId;
  }

  state(): Extract<RehearsalStreamMessage, { kind: 'state' }> {
    return { kind: 'state', rehearsal: this.rehearsal, current: this.current };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Turns the runner's events into stream messages; a finished step joins the rehearsal's steps. */
  progress(event: RehearsalProgressEvent): void {
    if (event.type === 'finished') return;
    this.current = {
      stepIndex: event.stepIndex,
      command: event.command,
      elapsedMs: event.elapsedMs,
      tail: event.tail,
      finished: event.type === 'step-finished',
    };
    if (event.type === 'step-finished' && event.step) {
      this.rehearsal = { ...this.rehearsal, steps: [...this.rehearsal.steps, event.step] };
      this.broadcast({ kind: 'progress', current: this.current, step: event.step });
      return;
    }
    this.broadcast({ kind: 'progress', current: this.current });
  }

  finish(rehearsal: Rehearsal): void {
    this.rehearsal = rehearsal;
    this.broadcast({ kind: 'finished', rehearsal });
    this.listeners.clear();
  }

  private broadcast(message: RehearsalStreamMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}
