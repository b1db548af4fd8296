import type { MessageLocale, PortalCloneBlock } from '@pairwise/domain';

/**
 * HOOK for `features/candidate-repositories/`: give the portal the candidate's clone block
 * (URL, username, password, commands) for one interview. Return `null` to fall back to the
 * placeholder below. It is called on every portal view, so the credentials appear as soon as
 * the repository window opens (state `open`) and disappear when it closes (state `closed`);
 * its words are in the candidate's `locale`.
 * Wire it in app.ts as the `cloneBlock` argument of PortalService.
 */
export type PortalCloneBlockSource = (
  interviewId: string,
  locale: MessageLocale,
) => Promise<PortalCloneBlock | null>;

/** Shown until the candidate-repositories feature provides real instructions (the portal words it in the candidate's language). */
export const placeholderCloneBlock: PortalCloneBlock = {
  state: 'not_yet',
  message:
    'Instructions to clone the interview repository, with your own login, appear here a few minutes before pairing. ' +
    'Setup has its own time and is not taken from your pairing hour.',
  cloneUrl: null,
  username: null,
  password: null,
  commands: [],
};
