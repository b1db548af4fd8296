import type { Action, InterviewDetail } from '@pairwise/domain';
import { createContext, useContext } from 'react';

/** What every stage panel needs: the interview, the server clock, and a way to store a change. */
export interface InterviewContextValue {
  interview: InterviewDetail;
  offsetMs: number;
  apply: (interview: InterviewDetail) => void;
  /** The server's clock now, as this device best knows it. */
  serverNow: () => number;
  can: (action: Action) => boolean;
  /** Fetch the interview again (after a change made through another route, e.g. a lever pull). */
  reload: () => Promise<void>;
  /** Navigator or admin: may move the interview on (the server's 'drive' capability). */
  drives: boolean;
  /** Navigator or shadow: takes notes and rates. */
  takesNotes: boolean;
  /** Rises when the live channel says this user's notes changed on another device. */
  notesVersion: number;
}

export const InterviewContext = createContext<InterviewContextValue | null>(null);

export function useInterviewContext(): InterviewContextValue {
  const value = useContext(InterviewContext);
  if (!value) throw new Error('Stage panels render inside the interview page.');
  return value;
}
