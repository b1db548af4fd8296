import {
  type MessageLocale,
  type PortalCloneBlock,
  type RepositoryWindow,
  translator,
} from '@pairwise/domain';

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

/**
 * The clone block for the portal and the navigator's screen, in the window's current state, in
 * the reader's language (the candidate's on the portal; English for staff).
 */
export function cloneBlock(
  target: CloneTarget,
  window: RepositoryWindow,
  password: string,
  describeOpening: string,
  locale: MessageLocale = 'en',
): PortalCloneBlock {
  const { t } = translator(locale);
  if (window.state === 'open') {
    return {
      state: 'open',
      message: t('repo.open', { variable: PASSWORD_VARIABLE }),
      cloneUrl: target.cloneUrl,
      username: target.username,
      password,
      commands: cloneCommands(target, password),
    };
  }
  if (window.state === 'not_yet') {
    return {
      state: 'not_yet',
      message: t('repo.notYet', { opening: describeOpening }),
      cloneUrl: null,
      username: null,
      password: null,
      commands: [],
    };
  }
  if (window.closedBy === 'navigator') {
    return {
      state: 'closed',
      message: t('repo.closedByNavigator'),
      cloneUrl: null,
      username: null,
      password: null,
      commands: [],
    };
  }
  return {
    state: 'closed',
    message: t('repo.closed'),
    cloneUrl: null,
    username: null,
    password: null,
    commands: [],
  };
}
