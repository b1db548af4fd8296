import { describe, expect, it } from 'vitest';
import { reportedQuotes, stanceOf } from './sentence-stance.ts';

describe('whose judgement a sentence carries, and about whom', () => {
  it('reads the candidate’s own account as reported', () => {
    expect(stanceOf('Said she taught herself from books; the tests were tidy.').reported).toBe(true);
    expect(stanceOf('He mentioned he is moving to Leeds in spring.').reported).toBe(true);
    expect(stanceOf('Taught herself from books, so probably shaky on theory.').reported).toBe(false);
  });

  it('tells a prediction about the candidate from one about a thing, the writer or a purpose', () => {
    expect(stanceOf('She’ll struggle with the on-call rota.')).toMatchObject({
      predictsPerson: true,
      predictsThing: false,
    });
    expect(stanceOf('The second design would need a queue in front of it.')).toMatchObject({
      predictsPerson: false,
      predictsThing: true,
    });
    expect(stanceOf('I would ask about retries next time.')).toMatchObject({
      predictsPerson: false,
      writerModal: true,
    });
    expect(stanceOf('Took the keyboard so he could show the fix.')).toMatchObject({
      predictsPerson: false,
      purpose: true,
    });
    // "she'd had" is a past tense, not a modal.
    expect(stanceOf('Showed a library she’d had merged upstream.').predictsPerson).toBe(false);
  });

  it('reads the writer carrying one moment past itself as an inference', () => {
    expect(stanceOf('Misnamed a variable, which tells me he’ll be careless.').infers).toBe(true);
    expect(stanceOf('If they can’t name a branch, how will they lead a team?').infers).toBe(true);
    expect(stanceOf('Named every branch after its ticket.').infers).toBe(false);
  });

  it('reads words quoted after a reporting verb as the candidate’s, apostrophes and all', () => {
    const text = "Kept saying 'we'll just cache it' without naming a key.";
    const [span] = reportedQuotes(text);
    expect(span && text.slice(...span)).toBe("we'll just cache it");
    // Scare quotes the writer puts around their own word are not the candidate's.
    expect(reportedQuotes("A bit 'emotional' when the test failed.")).toEqual([]);
  });
});
