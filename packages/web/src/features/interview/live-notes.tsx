import { offsetIntoPairingMs } from '@pairwise/domain';
import { useRef } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { NoteList } from '../notes/note-list.tsx';
import { NoteTaker, useTypingGoesToNotes } from '../notes/note-taker.tsx';
import { useNotes } from '../notes/use-notes.ts';
import { useInterviewContext } from './interview-context.tsx';
import { LeverButtons } from './lever-buttons.tsx';

/** Note taking while the session runs: the note box, the levers, and the notes so far. */
export function LiveNotes({ showLevers }: { showLevers: boolean }) {
  const { interview, serverNow, notesVersion, drives } = useInterviewContext();
  const { notes, addNote, discardRejected, loadError } = useNotes(interview.id, notesVersion);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useTypingGoesToNotes(inputRef);
  // Whole milliseconds: the server-clock estimate is fractional, the API takes an integer.
  const offsetAt = (at: number) => {
    const offset = offsetIntoPairingMs(interview.clock.pairingStartedAt, at);
    return offset === null ? null : Math.round(offset);
  };

  return (
    <div className="live-notes">
      <NoteTaker
        inputRef={inputRef}
        serverNow={serverNow}
        onSave={(text, tags, startedAt) => addNote(text, tags, offsetAt(startedAt))}
      />
      {showLevers && drives && <LeverButtons afterPull={() => inputRef.current?.focus()} />}
      <section aria-labelledby="notes-heading">
        <h3 id="notes-heading">Your notes ({notes.length})</h3>
        <ErrorMessage error={loadError} />
        <NoteList notes={notes} onDiscard={discardRejected} />
      </section>
    </div>
  );
}
