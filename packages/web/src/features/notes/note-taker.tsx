import { type NoteTag, parseNoteInput, tagPrefixes } from '@pairwise/domain';
import { type KeyboardEvent, type RefObject, useEffect, useRef, useState } from 'react';
import './notes.css';

const prefixHint = Object.entries(tagPrefixes)
  .map(([prefix, tag]) => `${prefix} ${tag}`)
  .join(' · ');

/**
 * The note box: type, Enter saves. The note's moment is when typing started, not when Enter
 * was pressed, so a long note still lands where the observation happened.
 */
export function NoteTaker(props: {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  serverNow: () => number;
  onSave: (text: string, tags: NoteTag[], startedAt: number) => void;
}) {
  const [draft, setDraft] = useState('');
  const startedAt = useRef<number | null>(null);
  const parsed = parseNoteInput(draft);

  useEffect(() => {
    props.inputRef.current?.focus();
  }, [props.inputRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (!parsed.text) return;
    props.onSave(parsed.text, parsed.tags, startedAt.current ?? props.serverNow());
    startedAt.current = null;
    setDraft('');
  };

  return (
    <div className="note-taker">
      <label htmlFor="note-input">Note</label>
      <textarea
        id="note-input"
        ref={props.inputRef}
        rows={2}
        value={draft}
        aria-describedby="note-hint"
        onChange={(event) => {
          const value = event.target.value;
          if (!value.trim()) startedAt.current = null;
          else if (startedAt.current === null) startedAt.current = props.serverNow();
          setDraft(value);
        }}
        onKeyDown={onKeyDown}
      />
      <p id="note-hint" className="hint">
        Enter saves, Shift+Enter starts a new line. Start with a prefix to tag: {prefixHint}.
        {parsed.tags.length > 0 && (
          <>
            {' '}
            <strong>Tags: {parsed.tags.join(', ')}</strong>
          </>
        )}
      </p>
    </div>
  );
}

const typingTargets = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY']);

/**
 * Keeps the note box the place typing goes: a printable key pressed while nothing else takes
 * text moves focus to the note box (the key then lands there), without trapping focus.
 */
export function useTypingGoesToNotes(inputRef: RefObject<HTMLTextAreaElement | null>) {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
      if (target && (typingTargets.has(target.tagName) || target.isContentEditable)) return;
      inputRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [inputRef]);
}
