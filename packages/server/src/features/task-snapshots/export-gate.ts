import { AppError } from '@pairwise/domain';
import type { SecretFinding } from '../../platform/secret-scan/secret-scan.ts';

/**
 * The secret-scan gate of an export. A finding blocks unless the interviewer excluded its
 * file (then it is never scanned, see export-tree) or acknowledged this very finding as a
 * false positive with a reason, which the caller records.
 */

export type Acknowledgement = { path: string; line: number; ruleId: string; reason: string };

export type GatedFinding = SecretFinding &
  ({ status: 'blocking' } | { status: 'acknowledged'; acknowledgement: Acknowledgement });

export type GateResult = {
  findings: GatedFinding[];
  blocking: GatedFinding[];
  /** Acknowledgements that matched no finding (the file changed since): shown, not applied. */
  unusedAcknowledgements: Acknowledgement[];
};

export const findingKey = (finding: { path: string; line: number; ruleId: string }) =>
  `${finding.path}:${finding.line}:${finding.ruleId}`;

export function gateFindings(
  findings: readonly SecretFinding[],
  acknowledgements: readonly Acknowledgement[],
): GateResult {
  const byKey = new Map<string, Acknowledgement>();
  for (const acknowledgement of acknowledgements) {
    if (!acknowledgement.reason?.trim()) {
      throw new AppError(
        'invalid_request',
        `Acknowledging the finding at ${acknowledgement.path}:${acknowledgement.line} needs a reason.`,
        { reason: 'Say why this is not a secret.' },
      );
    }
    byKey.set(findingKey(acknowledgement), { ...acknowledgement, reason: acknowledgement.reason.trim() });
  }
  const used = new Set<string>();
  const gated = findings.map((finding): GatedFinding => {
    const key = findingKey(finding);
    const acknowledgement = byKey.get(key);
    if (!acknowledgement) return { ...finding, status: 'blocking' };
    used.add(key);
    return { ...finding, status: 'acknowledged', acknowledgement };
  });
  return {
    findings: gated,
    blocking: gated.filter((finding) => finding.status === 'blocking'),
    unusedAcknowledgements: [...byKey.entries()].filter(([key]) => !used.has(key)).map(([, value]) => value),
  };
}

/** Carries the findings so the route can list them; the message alone names the first few. */
export class ExportBlockedError extends AppError {
  constructor(readonly findings: GatedFinding[]) {
    const shown = findings
      .slice(0, 5)
      .map((finding) => `${finding.path}:${finding.line} (${finding.ruleId}, ${finding.masked})`)
      .join('; ');
    const more = findings.length > 5 ? ` and ${findings.length - 5} more` : '';
    super(
      'unprocessable',
      `The export is blocked by ${findings.length} possible secret${findings.length === 1 ? '' : 's'}: ${shown}${more}. Exclude the file or acknowledge each finding with a reason.`,
      undefined,
      // All of them, for the client to list; the message names only the first few.
      {
        findings: findings.map(({ path, line, column, ruleId, message, masked }) => ({
          path,
          line,
          column,
          ruleId,
          message,
          masked,
          status: 'blocking',
          reason: null,
        })),
      },
    );
    this.name = 'ExportBlockedError';
  }
}
