import { rehearsalsApi, type Task, taskSnapshotsApi } from '@pairwise/domain';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { call } from '../../lib/api-client.ts';
import { useResource } from '../../lib/use-resource.ts';
import { RehearsalSection } from './rehearsal-section.tsx';
import { StartingPointSection } from './starting-point-section.tsx';
import './task-preparation.css';

/** The task page's preparation: its starting point and its rehearsals, where checklist links point. */
export function TaskPreparation({ task }: { task: Task }) {
  const snapshots = useResource(
    () => call(taskSnapshotsApi.list, { params: { id: task.id } }),
    `snapshots-${task.id}`,
  );
  const rehearsals = useResource(
    () => call(rehearsalsApi.list, { params: { id: task.id } }),
    `rehearsals-${task.id}`,
  );
  useScrollToEvidence(Boolean(snapshots.data && rehearsals.data));

  return (
    <>
      <StartingPointSection taskId={task.id} snapshots={snapshots} />
      <RehearsalSection task={task} latestSnapshot={snapshots.data?.snapshots[0]} rehearsals={rehearsals} />
    </>
  );
}

/** A checklist link (#rehearsal-…, #snapshot-…) lands on its entry, opened, once the lists are loaded. */
function useScrollToEvidence(loaded: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!loaded || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    const details = target.querySelector('details');
    if (details) details.open = true;
    target.scrollIntoView({ block: 'start' });
    target.classList.add('evidence-target');
  }, [loaded, hash]);
}
