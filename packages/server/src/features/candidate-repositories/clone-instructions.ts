import type { PortalCloneBlock, RepositoryWindow } from '@pairwise/domain';

export interface CloneTarget {
  cloneUrl: string;
  slug: string;
  username: string;
}

export const PASSWORD_VARIABLE = 'PAIRWISE_GIT_PASSWORD';

/**
 * A credential helper that answers from an environment variable: git gets the password without
 * a prompt, and neither `.git/config` nor a keychain ever holds it. The empty `credential.helper`
 * before it switches off any helper the candidate configured globally (a keychain would otherwise
 * store the password after the first successful request).
 */
export function credentialHelper(username: string): string {
  return `!f() { test "$1" = get && echo username=${username} && echo "password=$${PASSWORD_VARIABLE}"; }; f`;
}

/** The commands a candidate runs, for macOS, Linux and Git Bash on Windows. */
export function cloneCommands(target: CloneTarget, password: string): string[] {
  const helper = credentialHelper(target.username);
  return [
    `export ${PASSWORD_VARIABLE}='${password}'`,
    `git -c credential.helper= -c credential.helper='${helper}' clone ${target.cloneUrl}`,
    `cd ${target.slug}`,
    `git config credential.helper '' && git config --add credential.helper '${helper}'`,
  ];
}

/** The clone block for the portal and the navigator's screen, in the window's current state. */
export function cloneBlock(
  target: CloneTarget,
  window: RepositoryWindow,
  password: string,
  describeOpening: string,
): PortalCloneBlock {
  if (window.state === 'open') {
    return {
      state: 'open',
      message:
        'Run these commands in a terminal (on Windows, in Git Bash) to get the repository. The password stays in that terminal ' +
        `only (the ${PASSWORD_VARIABLE} variable), never in a file; in a new terminal, run the first line again. ` +
        'Commit and push as you go: your interviewer sees each push.',
      cloneUrl: target.cloneUrl,
      username: target.username,
      password,
      commands: cloneCommands(target, password),
    };
  }
  if (window.state === 'not_yet') {
    return {
      state: 'not_yet',
      message:
        `The interview repository opens ${describeOpening}. The clone command and your own login appear here then. ` +
        'Setup has its own time and is not taken from your pairing hour.',
      cloneUrl: null,
      username: null,
      password: null,
      commands: [],
    };
  }
  if (window.closedBy === 'navigator') {
    return {
      state: 'closed',
      message:
        'Your interviewer has closed the interview repository for now. The instructions appear here again when it reopens.',
      cloneUrl: null,
      username: null,
      password: null,
      commands: [],
    };
  }
  return {
    state: 'closed',
    message:
      'The interview repository is closed. Thank you: everything you pushed has been kept. ' +
      'Please delete your copy of it from your machine.',
    cloneUrl: null,
    username: null,
    password: null,
    commands: [],
  };
}
