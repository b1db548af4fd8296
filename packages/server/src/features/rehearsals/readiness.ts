import {
  type ComputedPlanningItem,
  humanDuration,
  type InterviewDetail,
  type PlanningItemId,
  type Rehearsal,
} from '@pairwise/domain';
import { DateTime } from 'luxon';
import type { TaskSnapshotsRepository } from '../task-snapshots/repository.ts';
import type { RehearsalsRepository } from './repository.ts';

/** A rehearsal counts as recent for this long: installs and images drift. */
export const REHEARSAL_RECENT_DAYS = 14;

type PreparationItems = Partial<Record<PlanningItemId, ComputedPlanningItem>>;

/**
 * The planning checklist's evidence from task preparation, for one interview's snapshot:
 * - setup_rehearsed: a passing rehearsal within budget in the last 14 days;
 * - rehearsed_second_machine: passing rehearsals from two machine labels in that time;
 * - repository_exported: the snapshot exists, which means it passed the secret scan.
 * Each item links to its evidence on the task page, or to where it is produced.
 */
export class TaskPreparationReadiness {
  constructor(
    private readonly snapshots: TaskSnapshotsRepository,
    private readonly rehearsals: RehearsalsRepository,
  ) {}

  async latestSnapshotId(taskId: string): Promise<string | null> {
    return (await this.snapshots.latestForTask(taskId))?.id ?? null;
  }

  /** `pinnedSnapshotId` null: the task had no snapshot at planning, so its latest one applies. */
  async forInterview(
    taskId: string,
    pinnedSnapshotId: string | null,
  ): Promise<{ snapshot: InterviewDetail['snapshot']; items: PreparationItems }> {
    const taskPage = `/tasks/${taskId}`;
    const latest = await this.snapshots.latestForTask(taskId);
    const snapshot = pinnedSnapshotId ? await this.snapshots.find(taskId, pinnedSnapshotId) : latest;
    if (!snapshot || !latest) {
      const evidence = {
        label: 'No starting point yet: import and export the task',
        href: `${taskPage}#starting-point`,
      };
      return {
        snapshot: null,
        items: {
          repository_exported: { done: false, evidence },
          setup_rehearsed: { done: false, evidence },
          rehearsed_second_machine: { done: false, evidence },
        },
      };
    }
    const since = DateTime.utc().minus({ days: REHEARSAL_RECENT_DAYS }).toISO();
    const recent = await this.rehearsals.finishedForSnapshot(snapshot.id, since);
    const short = snapshot.commit.slice(0, 7);
    const rehearsePage = `${taskPage}#rehearse`;
    const link = (rehearsal: Rehearsal) => `${taskPage}#rehearsal-${rehearsal.id}`;

    const good = recent.find((rehearsal) => rehearsal.passed && rehearsal.withinBudget);
    const lastTry = recent[0];
    const setup_rehearsed: ComputedPlanningItem = good
      ? {
          done: true,
          evidence: {
            label: `Passed in ${humanDuration(good.totalMs)} of ${humanDuration(good.budgetMs)} on ${good.machineLabel}, ${day(good.at)}`,
            href: link(good),
          },
        }
      : {
          done: false,
          evidence: lastTry
            ? { label: `Last rehearsal ${outcome(lastTry)}; rehearse again`, href: link(lastTry) }
            : {
                label: `Snapshot ${short} not rehearsed in the last ${REHEARSAL_RECENT_DAYS} days`,
                href: rehearsePage,
              },
        };

    const machines = [...new Set(recent.filter((r) => r.passed).map((r) => r.machineLabel))];
    const second = recent.find((r) => r.passed && r.machineLabel !== machines[0]);
    const rehearsed_second_machine: ComputedPlanningItem = second
      ? { done: true, evidence: { label: `Passed on ${machines.join(' and ')}`, href: link(second) } }
      : {
          done: false,
          evidence: {
            label: 'Not yet: a colleague runs “pairwise rehearse” with an API token',
            href: rehearsePage,
          },
        };

    const repository_exported: ComputedPlanningItem = {
      done: true,
      evidence: {
        label: `Snapshot ${short}: ${snapshot.fileCount} files exported ${day(snapshot.createdAt)}, secret scan passed`,
        href: `${taskPage}#snapshot-${snapshot.id}`,
      },
    };
    return {
      snapshot: {
        id: snapshot.id,
        commit: snapshot.commit,
        createdAt: snapshot.createdAt,
        pinned: pinnedSnapshotId !== null,
        latestId: latest.id,
      },
      items: { setup_rehearsed, rehearsed_second_machine, repository_exported },
    };
  }
}

function outcome(rehearsal: Rehearsal): string {
  if (rehearsal.passed)
    return `passed but took ${humanDuration(rehearsal.totalMs)} of a ${humanDuration(rehearsal.budgetMs)} budget`;
  const step = rehearsal.failedStep;
  const command = step ? rehearsal.steps[step.index]?.command : undefined;
  return `failed${command ? ` at "${command}"` : ''}${step ? `: ${step.reason}` : ''}`;
}

const day = (iso: string) => iso.slice(0, 10);
