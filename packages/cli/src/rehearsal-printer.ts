import { humanDuration } from '@pairwise/domain';
import type { RehearsalProgressEvent, RehearsalResult } from '@pairwise/server/rehearsal';

/**
 * Live progress of a rehearsal in a terminal: the step running, its elapsed time and the last
 * lines of its output, redrawn in place. Without a terminal (a pipe, CI) it prints one line per
 * step start and end, and the output of a step that failed.
 */
export class RehearsalPrinter {
  private drawnLines = 0;
  private current: { index: number; command: string; startedAt: number; tail: string[] } | null = null;
  private readonly ticker: NodeJS.Timeout | undefined;

  constructor(
    private readonly stepCount: number,
    private readonly out: NodeJS.WriteStream = process.stdout,
  ) {
    if (this.out.isTTY) this.ticker = setInterval(() => this.redraw(), 1_000);
  }

  onProgress = (event: RehearsalProgressEvent): void => {
    switch (event.type) {
      case 'step-started':
        this.current = { index: event.stepIndex, command: event.command, startedAt: Date.now(), tail: [] };
        if (!this.out.isTTY) this.out.write(`▸ ${this.position(event.stepIndex)} ${event.command}\n`);
        this.redraw();
        break;
      case 'output':
        if (this.current) this.current.tail = event.tail;
        this.redraw();
        break;
      case 'step-finished': {
        this.clear();
        this.current = null;
        const step = event.step!;
        const ok = step.exitCode === 0 && !step.timedOut;
        const outcome = ok ? '' : step.timedOut ? ', timed out' : `, exit code ${step.exitCode ?? 'none'}`;
        this.out.write(
          `${ok ? '✓' : '✗'} ${this.position(event.stepIndex)} ${event.command} (${humanDuration(step.durationMs)}${outcome})\n`,
        );
        if (!ok) for (const line of event.tail) this.out.write(`    ${line}\n`);
        break;
      }
      case 'finished':
        break;
    }
  };

  summary(result: RehearsalResult): string {
    this.stop();
    const budget = `${humanDuration(result.totalMs)} of a ${humanDuration(result.budgetMs)} budget`;
    if (result.passed && result.withinBudget) return `Passed in ${budget} on ${result.machineLabel}.`;
    if (result.passed) return `Passed, but over budget: ${budget}. The slowest step is where to look.`;
    const failed = result.failedStep;
    const command = failed ? result.steps[failed.index]?.command : undefined;
    return `Failed${command ? ` at "${command}"` : ''}: ${failed?.reason ?? 'unknown reason'} (after ${humanDuration(result.totalMs)}).`;
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.clear();
  }

  private position(index: number): string {
    return `[${index + 1}/${this.stepCount}]`;
  }

  private redraw(): void {
    if (!this.out.isTTY || !this.current) return;
    this.clear();
    const width = Math.max(20, (this.out.columns ?? 80) - 6);
    const elapsed = humanDuration(Date.now() - this.current.startedAt);
    const lines = [
      `▸ ${this.position(this.current.index)} ${this.current.command}  ${elapsed}`,
      ...this.current.tail.slice(-5).map((line) => `    \u001b[2m${line.slice(0, width)}\u001b[22m`),
    ];
    this.out.write(`${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }

  private clear(): void {
    if (!this.out.isTTY || this.drawnLines === 0) return;
    // Up over what was drawn, then erase to the end of the screen.
    this.out.write(`\u001b[${this.drawnLines}F\u001b[0J`);
    this.drawnLines = 0;
  }
}
