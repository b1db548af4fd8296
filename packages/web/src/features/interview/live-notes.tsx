import { offsetIntoPairingMs } from '@pairwise/domain';
import { useRef } from 'react';
import { ErrorMessage } from '../../components/error-message.tsx';
import { NoteList } from '../notes/note-list.tsx';
import { NoteTaker, useTypingGoesToNotes } from '../notes/note-taker.tsx';
import { useNotes } from '../notes/use-notes.ts';
import { FocusAttributesSummary } from './focus-attributes-summary.tsx';
import { useInterviewContext } from './interview-context.tsx';
import { LeverButtons } from './lever-buttons.tsx';
import { TddMarkerButtons } from './tdd-rhythm.tsx';
import './live-session.css';

/** Note taking while the session runs: the note box, the levers, and the notes so far. */
export function LiveNotes({ showLevers }: { showLevers: boolean }) {
  const { interview, serverNow, notesVersion, drives } = useInterviewContext();
  const { notes, addNote, editNote, deleteNote, discardRejected, loadError, pendingCount, reachable } =
    useNotes(interview.id, notesVersion);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useTypingGoesToNotes(inputRef);
  // Whole milliseconds: the server-clock estimate is fractional, the API takes an integer.
  const offsetAt = (at: number) => {
    const offset = offsetIntoPairingMs(interview.clock.pairingStartedAt, at);
    return offset === null ? null : Math.round(offset);
  };
  const refocus = () => inputRef.current?.focus();

  return (
    <div className="live-notes">
      {!reachable && (
        <div className="offline-banner" role="status">
          <strong>Offline.</strong> The server cannot be reached. Keep typing: notes, corrections and
          deletions are kept on this device and sent in order as soon as the server is reachable again.
          {pendingCount > 0 && ` ${pendingCount} note${pendingCount === 1 ? '' : 's'} waiting.`}
        </div>
      )}
      <NoteTaker
        inputRef={inputRef}
        serverNow={serverNow}
        onSave={(text, tags, startedAt) => void addNote(text, tags, offsetAt(startedAt))}
      />
      {showLevers && interview.task.tddRhythm && interview.stage === 'pairing' && (
        <TddMarkerButtons afterMark={refocus} />
      )}
      {showLevers && <LeverButtons afterPull={refocus} readOnly={!drives} />}
      <section aria-labelledby="notes-heading">
        <h3 id="notes-heading">Your notes ({notes.length})</h3>
        <p className="hint">
          Private to you until everyone on the panel has submitted their impression, so each judgement is
          formed independently.
        </p>
        <FocusAttributesSummary attributes={interview.position.focusAttributes} folded />
        <ErrorMessage error={loadError} />
        <NoteList
          notes={notes}
          onDiscard={(id) => void discardRejected(id)}
          // Queued like new notes: a correction or deletion made offline goes out when the server is back.
          onEdit={async (note, text) => {
            await editNote(note, text.trim());
            refocus();
          }}
          onDelete={async (note) => {
            await deleteNote(note);
            refocus();
          }}
        />
      </section>
    </div>
  );
}
