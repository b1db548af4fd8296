import { performance } from 'node:perf_hooks';
import type { lintSource } from '@secretlint/core';
import type { secretLintProfiler } from '@secretlint/profiler';
import type { configFor, fileLevelRuleIds, findingRuleId, guessingRuleIds } from './secret-scan-config.ts';

export type ScanFile = {
  /** Relative POSIX path; path-based rules (.env, id_rsa) look at it. */
  path: string;
  /** Text content; pass '' for binary files so that path-based rules still run. */
  content: string;
};

export type SecretFinding = {
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** 1-based: the last line the secret spans (a private key spans many). */
  endLine: number;
  ruleId: string;
  /** secretlint's message with the secret replaced by `masked`. */
  message: string;
  /** Enough to recognise the secret, never enough to use it. */
  masked: string;
};

export type ScanOptions = {
  /** Files linted between two profiler resets; the profiler's own cost grows with the batch, 10 measured best. */
  batchSize?: number;
};

export const wholeFileMask = '(the whole file)';

type Secretlint = {
  lintSource: typeof lintSource;
  profiler: typeof secretLintProfiler;
  configFor: typeof configFor;
  fileLevelRuleIds: typeof fileLevelRuleIds;
  guessingRuleIds: typeof guessingRuleIds;
  findingRuleId: typeof findingRuleId;
};

// secretlint's recommended preset alone added ~28 MB to the server's resident memory at
// start-up (bench/results/start-up.md), and only task imports scan; the first scan pays the load.
let secretlint: Promise<Secretlint> | undefined;

function loadSecretlint(): Promise<Secretlint> {
  if (secretlint) return secretlint;
  const loading = Promise.all([
    import('@secretlint/core'),
    import('@secretlint/profiler'),
    import('./secret-scan-config.ts'),
  ]).then(([core, profiler, config]) => ({
    lintSource: core.lintSource,
    profiler: profiler.secretLintProfiler,
    configFor: config.configFor,
    fileLevelRuleIds: config.fileLevelRuleIds,
    guessingRuleIds: config.guessingRuleIds,
    findingRuleId: config.findingRuleId,
  }));
  // A failed load (a file busy during an upgrade, say) is tried again by the next scan.
  loading.catch(() => {
    secretlint = undefined;
  });
  secretlint = loading;
  return loading;
}

// secretlint's profiler is a process-wide singleton and our reset clears the global
// performance timeline, so scans must not interleave.
let scanQueue: Promise<unknown> = Promise.resolve();

export function scanFiles(files: readonly ScanFile[], options: ScanOptions = {}): Promise<SecretFinding[]> {
  const run = scanQueue.then(() => scanSequentially(files, options.batchSize ?? 10));
  scanQueue = run.catch(() => undefined);
  return run;
}

async function scanSequentially(files: readonly ScanFile[], batchSize: number): Promise<SecretFinding[]> {
  const lint = await loadSecretlint();
  const findings: SecretFinding[] = [];
  try {
    for (let index = 0; index < files.length; index += 1) {
      const file = files[index]!;
      findings.push(...(await scanOne(lint, file)));
      if ((index + 1) % batchSize === 0) await resetSecretlintProfiler(lint.profiler);
    }
  } finally {
    await resetSecretlintProfiler(lint.profiler);
  }
  return findings;
}

async function scanOne(lint: Secretlint, file: ScanFile): Promise<SecretFinding[]> {
  const result = await lint.lintSource({
    source: { content: file.content, filePath: file.path, contentType: 'text' },
    options: { config: lint.configFor(file.path), noPhysicFilePath: true, maskSecrets: false },
  });
  const candidates = result.messages.map((message) => {
    const ruleId = lint.findingRuleId(message.ruleId, message.data);
    const wholeFile = lint.fileLevelRuleIds.has(message.ruleId);
    const secret = wholeFile ? undefined : secretOf(message.data, file.content, message.range);
    const masked = secret === undefined ? wholeFileMask : maskSecret(secret);
    return {
      finding: {
        path: file.path,
        line: message.loc.start.line,
        column: message.loc.start.column + 1,
        endLine: message.loc.end.line,
        ruleId,
        message: maskMessage(message.message, message.data, masked, wholeFile),
        masked,
      },
      range: message.range,
      wholeFile,
      // The preset's specialised rules describe a secret better than our patterns, and a
      // provider's format better than a guess from a name.
      priority: message.ruleParentId ? 0 : lint.guessingRuleIds.has(ruleId) ? 2 : 1,
    };
  });
  return dropOverlaps(candidates).map((candidate) => candidate.finding);
}

type Candidate = {
  finding: SecretFinding;
  range: readonly [number, number];
  wholeFile: boolean;
  priority: number;
};

/** One secret, one finding: a postgres URL in `.env` would otherwise be reported by two rules. */
function dropOverlaps(candidates: Candidate[]): Candidate[] {
  const ordered = [...candidates].sort((a, b) => a.priority - b.priority || a.range[0] - b.range[0]);
  const kept: Candidate[] = [];
  for (const candidate of ordered) {
    const overlaps = kept.some(
      (other) =>
        !candidate.wholeFile &&
        !other.wholeFile &&
        candidate.range[0] < other.range[1] &&
        other.range[0] < candidate.range[1],
    );
    if (!overlaps) kept.push(candidate);
  }
  return kept.sort((a, b) => a.range[0] - b.range[0] || a.finding.ruleId.localeCompare(b.finding.ruleId));
}

// Message data keys that hold the secret itself; the others (PATTERN_NAME, typeName) are labels.
const secretDataKeys = ['KEY', 'TOKEN', 'ID', 'CREDENTIAL', 'URI', 'SECRET', 'PASSWORD'];

function secretOf(data: unknown, content: string, range: readonly [number, number]): string {
  if (data && typeof data === 'object') {
    for (const key of secretDataKeys) {
      const value = (data as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.length > 0) return value;
    }
  }
  return content.slice(range[0], range[1]);
}

function maskMessage(message: string, data: unknown, masked: string, wholeFile: boolean): string {
  if (wholeFile || !data || typeof data !== 'object') return message;
  let result = message;
  for (const key of secretDataKeys) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length > 0) result = result.replaceAll(value, masked);
  }
  return result;
}

/**
 * Shows the first characters of a secret (fewer for short ones), the user and host of a
 * connection string, or the header line of a PEM block, and never the secret part.
 */
export function maskSecret(secret: string): string {
  const text = secret.trim();
  const url = /^([a-z][a-z0-9+.:-]*:\/\/)([^:@/\s]*):[^@/\s]+@([^/\s?]*)/i.exec(text);
  if (url) return `${url[1]}${url[2]}:****@${url[3]!.slice(0, 60)}`;
  if (text.startsWith('-----BEGIN')) return `${text.split(/\r?\n|\\n/)[0]!.slice(0, 60)} ****`;
  const visible = text.length >= 16 ? 4 : text.length >= 8 ? 2 : 0;
  return `${text.slice(0, visible)}****`;
}

/**
 * secretlint marks every rule run on a global profiler that keeps every entry and scans them
 * linearly, so per-file cost grows with the process's lifetime (FIELD-NOTES: 2 → 22 ms over
 * 2,000 files). Resetting it between batches keeps a long-running server flat.
 */
async function resetSecretlintProfiler(profiler: typeof secretLintProfiler): Promise<void> {
  // The profiler's PerformanceObserver is fed on a later turn, and each end mark it sees
  // queues a measure() that needs its start mark: let both happen before clearing marks.
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
  await profiler.getMeasures().catch(() => undefined);
  const internals = profiler as unknown as { entries?: unknown[]; measures?: unknown[] };
  internals.entries?.splice(0);
  internals.measures?.splice(0);
  performance.clearMarks();
  performance.clearMeasures();
}
