// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoteTaker, useTypingGoesToNotes } from './note-taker.tsx';

/*
 * The note box from the keyboard: Enter saves with the tags its prefixes set, stamped with the
 * server time typing started; Shift+Enter is a new line. Rendered on happy-dom, found by its label
 * as a screen reader would.
 */
function Page(props: { serverNow: () => number; onSave: () => void }) {
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useTypingGoesToNotes(inputRef);
  return (
    <>
      <button type="button">Pull a lever</button>
      <NoteTaker inputRef={inputRef} serverNow={props.serverNow} onSave={props.onSave} />
    </>
  );
}

afterEach(cleanup);

describe('the note box', () => {
  it('saves on Enter with the tags from its prefixes, at the moment typing started', () => {
    let now = 60_000;
    const onSave = vi.fn();
    render(<Page serverNow={() => now} onSave={onSave} />);
    const box = screen.getByLabelText('Note');
    expect(document.activeElement).toBe(box);

    fireEvent.change(box, { target: { value: '+t Wrote' } });
    now = 75_000;
    fireEvent.change(box, { target: { value: '+t Wrote the failing test first' } });
    expect(screen.getByText('Tags: positive, tdd')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSave).not.toHaveBeenCalled();

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSave).toHaveBeenCalledWith('Wrote the failing test first', ['positive', 'tdd'], 60_000);
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('saves nothing for an empty note, and a cleared draft starts its moment again', () => {
    let now = 1_000;
    const onSave = vi.fn();
    render(<Page serverNow={() => now} onSave={onSave} />);
    const box = screen.getByLabelText('Note');
    fireEvent.change(box, { target: { value: '   ' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSave).not.toHaveBeenCalled();

    fireEvent.change(box, { target: { value: 'First thought' } });
    fireEvent.change(box, { target: { value: '' } });
    now = 9_000;
    fireEvent.change(box, { target: { value: 'Second thought' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSave).toHaveBeenCalledWith('Second thought', [], 9_000);
  });

  it('takes a printable key pressed elsewhere on the page, but leaves buttons and shortcuts alone', () => {
    render(<Page serverNow={() => 0} onSave={vi.fn()} />);
    const box = screen.getByLabelText('Note');
    const button = screen.getByRole('button', { name: 'Pull a lever' });

    button.focus();
    fireEvent.keyDown(button, { key: 'a' });
    expect(document.activeElement).toBe(button);

    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'c', ctrlKey: true });
    expect(document.activeElement).not.toBe(box);
    fireEvent.keyDown(document.body, { key: 'a' });
    expect(document.activeElement).toBe(box);
  });
});
