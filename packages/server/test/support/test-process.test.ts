import { describe, expect, it } from 'vitest';
import { checkTestCwd } from './test-process.ts';

const project = '/work/pairwise';
const own = ['/tmp/pairwise-e2e-repository-Ab12'];

describe('where a test process may run', () => {
  it('accepts the test’s own folder and anything inside it', () => {
    expect(checkTestCwd('/tmp/pairwise-e2e-repository-Ab12', own, project)).toBe(
      '/tmp/pairwise-e2e-repository-Ab12',
    );
    expect(checkTestCwd('/tmp/pairwise-e2e-repository-Ab12/desk/bowling/', own, project)).toBe(
      '/tmp/pairwise-e2e-repository-Ab12/desk/bowling',
    );
  });

  it.each([
    ['an empty cwd, which Node resolves to the project root', ''],
    ['a missing cwd', undefined],
    ['a relative cwd', 'desk/bowling'],
    ['the project root', project],
    ['a folder inside the project', `${project}/packages/server`],
    ['a folder above the project', '/work'],
    ['the root folder', '/'],
    ['a sibling of the test’s folder', '/tmp/pairwise-e2e-repository-Ab123'],
    ['a way out of the test’s folder with ..', '/tmp/pairwise-e2e-repository-Ab12/../other'],
    ['another test’s folder', '/tmp/pairwise-test-Zz99'],
  ])('refuses %s', (_label, cwd) => {
    expect(() => checkTestCwd(cwd, own, project)).toThrow();
  });

  it('refuses everything when the test created no folder', () => {
    expect(() => checkTestCwd('/tmp/pairwise-e2e-repository-Ab12', [], project)).toThrow(
      /not inside a folder this test created/,
    );
  });

  it('refuses a test folder that would sit inside the project', () => {
    expect(() => checkTestCwd(`${project}/tmp/x`, [`${project}/tmp`], project)).toThrow(/project/);
  });
});
