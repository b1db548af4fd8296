import { interviewsApi, type TransitionRequest } from '@pairwise/domain';
import { sendWithConfirmation, useConfirmation } from '../../components/confirm-dialog.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { call } from '../../lib/api-client.ts';
import { useAction } from '../../lib/use-action.ts';
import { useInterviewContext } from './interview-context.tsx';
import './interview.css';

type SimpleAction = Exclude<TransitionRequest['action'], 'reschedule' | 'cancel'>;

/**
 * Sends a lifecycle step. When the server asks for a confirmation (protected time cut short, a
 * day-of step days early), the returned `dialog` asks with the minutes left and sends again.
 */
export function useTransition() {
  const { interview, apply } = useInterviewContext();
  const { ask, dialog } = useConfirmation();
  const action = useAction(async (request: TransitionRequest) => {
    const answer = await sendWithConfirmation(ask, (flags) =>
      call(interviewsApi.transition, { params: { id: interview.id }, body: { ...request, ...flags } }),
    );
    if (answer) apply(answer.interview);
    return answer?.interview;
  });
  return { ...action, dialog };
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
      {transition.dialog}
    </div>
  );
}
