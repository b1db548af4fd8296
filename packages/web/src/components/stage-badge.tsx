import { type Stage, stageLabels } from '@pairwise/domain';
import './stage-badge.css';

export function StageBadge({ stage }: { stage: Stage }) {
  return <span className={`stage-badge stage-${stage}`}>{stageLabels[stage]}</span>;
}
