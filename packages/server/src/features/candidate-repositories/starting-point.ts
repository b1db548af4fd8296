import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from '../../platform/git/git-command.ts';

/**
 * What a candidate repository starts from while its task has no exported snapshot yet: one
 * commit with a short README, so planning never fails and the candidate can still clone and
 * push. Once the task gets a snapshot, the repository is re-seeded from it, as long as the
 * candidate has not used it yet (see CandidateRepositoriesService.ensure).
 */
const README = `# Interview repository

This repository starts empty. Your interviewer will tell you what to build; commit and push
as you go.
`;

// Fixed identity and dates make the commit identical on every server and every run.
const IDENTITY = {
  GIT_AUTHOR_NAME: 'Pairwise',
  GIT_AUTHOR_EMAIL: 'pairwise@localhost',
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Pairwise',
  GIT_COMMITTER_EMAIL: 'pairwise@localhost',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
};

export interface StartingPoint {
  /** A repository holding `commit`, readable by CandidateRepositoryStore.create. */
  source: string;
  commit: string;
}

/** Creates `<directory>/empty-starting-point.git` once; later calls only read its commit. */
export async function emptyStartingPoint(directory: string): Promise<StartingPoint> {
  const gitDir = path.join(directory, 'empty-starting-point.git');
  const exists = await stat(path.join(gitDir, 'HEAD')).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(directory, { recursive: true });
    await runGit(['init', '--quiet', '--bare', '--initial-branch=main', gitDir]);
  }
  const existing = await runGit(['rev-parse', '--verify', '--quiet', 'refs/heads/main^{commit}'], {
    gitDir,
    okExitCodes: [0, 1],
  });
  if (existing.exitCode === 0) return { source: gitDir, commit: existing.stdout.toString('utf8').trim() };

  const blob = await runGit(['hash-object', '-w', '--stdin'], { gitDir, input: README });
  const tree = await runGit(['mktree'], {
    gitDir,
    input: `100644 blob ${blob.stdout.toString('utf8').trim()}\tREADME.md\n`,
  });
  const commit = await runGit(['commit-tree', tree.stdout.toString('utf8').trim(), '-m', 'Starting point'], {
    gitDir,
    env: IDENTITY,
  });
  const sha = commit.stdout.toString('utf8').trim();
  await runGit(['update-ref', 'refs/heads/main', sha], { gitDir });
  return { source: gitDir, commit: sha };
}
