import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../lib/api-client.ts';
import './confirm-dialog.css';

interface Question {
  title: string;
  message: string;
  confirmLabel: string;
  resolve: (confirmed: boolean) => void;
}

/**
 * A modal question before something that cannot be taken back (cutting protected time short,
 * starting days early). A native <dialog>: focus moves into it, Escape answers "no", and the safe
 * choice has the focus first, so Enter never confirms by accident.
 */
export function useConfirmation(): {
  ask: (title: string, message: string, confirmLabel: string) => Promise<boolean>;
  dialog: ReactNode;
} {
  const [question, setQuestion] = useState<Question | null>(null);
  const ask = useCallback(
    (title: string, message: string, confirmLabel: string) =>
      new Promise<boolean>((resolve) => setQuestion({ title, message, confirmLabel, resolve })),
    [],
  );
  const answer = (confirmed: boolean) => {
    question?.resolve(confirmed);
    setQuestion(null);
  };
  return { ask, dialog: question ? <ConfirmDialog question={question} onAnswer={answer} /> : null };
}

function ConfirmDialog({ question, onAnswer }: { question: Question; onAnswer: (yes: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        onAnswer(false);
      }}
    >
      <h2 id={titleId}>{question.title}</h2>
      <p id={messageId}>{question.message}</p>
      <div className="button-row">
        {/* biome-ignore lint/a11y/noAutofocus: the safe answer takes the focus in a confirmation dialog. */}
        <button type="button" className="secondary" autoFocus onClick={() => onAnswer(false)}>
          Go back
        </button>
        <button type="button" className="primary" onClick={() => onAnswer(true)}>
          {question.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** The confirmations the server asks for by naming them as a field of its refusal. */
export type ConfirmationFlag = 'confirmEarly' | 'startEarly';

/**
 * Runs `send`; if the server refuses because it needs an explicit confirmation, asks in the
 * server's own words (they carry the minutes left) and sends again with the flag set.
 */
export async function sendWithConfirmation<T>(
  ask: (title: string, message: string, confirmLabel: string) => Promise<boolean>,
  send: (flags: Partial<Record<ConfirmationFlag, true>>) => Promise<T>,
): Promise<T | undefined> {
  try {
    return await send({});
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const flag = (['confirmEarly', 'startEarly'] as const).find((name) => name in error.fields);
    if (!flag) throw error;
    const confirmed = await ask(
      flag === 'confirmEarly' ? 'Cut the protected time short?' : 'Start before the day?',
      error.message,
      flag === 'confirmEarly' ? 'Yes, end it now' : 'Yes, start early',
    );
    return confirmed ? send({ [flag]: true }) : undefined;
  }
}
