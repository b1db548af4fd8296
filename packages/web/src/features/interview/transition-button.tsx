import type { InterviewDetail, TransitionRequest } from '@pairwise/domain';
import { ErrorMessage } from '../../components/error-message.tsx';
import { api } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useInterviewContext } from './interview-context.tsx';
import './interview.css';

type SimpleAction = Exclude<TransitionRequest['action'], 'reschedule' | 'cancel'>;

export function useTransition() {
  const { interview, apply } = useInterviewContext();
  return useAction(async (request: TransitionRequest) => {
    const answer = await api.post<{ interview: InterviewDetail }>(
      `/interviews/${interview.id}/transitions`,
      request,
    );
    apply(answer.interview);
    return answer.interview;
  });
}

/**
 * A lifecycle step. It shows only when the server lists the action as available, so the page
 * never offers a step the state machine would refuse.
 */
export function TransitionButton(props: {
  action: SimpleAction;
  label: string;
  before?: () => Promise<boolean>;
  className?: string;
}) {
  const { can } = useInterviewContext();
  const transition = useTransition();
  if (!can(props.action)) return null;
  return (
    <div className="transition">
      <button
        type="button"
        className={props.className ?? 'primary'}
        disabled={transition.busy}
        onClick={async () => {
          if (props.before && !(await props.before())) return;
          await transition.run({ action: props.action });
        }}
      >
        {transition.busy ? 'Working…' : props.label}
      </button>
      <ErrorMessage error={transition.error} />
    </div>
  );
}
