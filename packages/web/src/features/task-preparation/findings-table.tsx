import type { FindingAcknowledgement, SecretFindingView } from '@pairwise/domain';
import { useState } from 'react';
import './task-preparation.css';

/** Acknowledged findings by `findingKey`, each with the reason given. */
export type Acknowledgements = Record<string, FindingAcknowledgement>;
export const findingKey = (f: { path: string; line: number; ruleId: string }) =>
  `${f.path}:${f.line}:${f.ruleId}`;

/** "@secretlint/secretlint-rule-aws" → "aws": the rule's name without the package prefix. */
const ruleName = (ruleId: string) => ruleId.replace(/^@secretlint\/secretlint-rule-/, '');

/**
 * Every possible secret with file, line, rule and the masked value. Each is resolved by leaving
 * its file out, or by acknowledging it as a false positive with a reason, which is recorded.
 */
export function FindingsTable(props: {
  findings: SecretFindingView[];
  excluded: string[];
  acknowledged: Acknowledgements;
  onExclude: (path: string) => void;
  /** `null` withdraws the acknowledgement. */
  onAcknowledge: (finding: SecretFindingView, reason: string | null) => void;
}) {
  return (
    <table aria-label="Possible secrets">
      <caption className="findings-caption">
        Possible secrets. Leave the file out, or acknowledge a false positive and say why.
      </caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Line</th>
          <th scope="col">Rule</th>
          <th scope="col">Secret (masked)</th>
          <th scope="col">Decision</th>
        </tr>
      </thead>
      <tbody>
        {props.findings.map((finding) => (
          <FindingRow key={findingKey(finding)} finding={finding} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function FindingRow({
  finding,
  excluded,
  acknowledged,
  onExclude,
  onAcknowledge,
}: Parameters<typeof FindingsTable>[0] & { finding: SecretFindingView }) {
  const key = findingKey(finding);
  const chosen = acknowledged[key];
  const [reason, setReason] = useState(chosen?.reason ?? finding.reason ?? '');
  const [writing, setWriting] = useState(false);
  const isExcluded = excluded.some((path) => finding.path === path || finding.path.startsWith(`${path}/`));
  const where = `${finding.path} line ${finding.line}`;

  return (
    <tr className={isExcluded || chosen ? 'finding-resolved' : 'finding-blocking'}>
      <td className="mono">{finding.path}</td>
      <td>{finding.line}</td>
      <td title={finding.message}>{ruleName(finding.ruleId)}</td>
      <td className="mono">{finding.masked}</td>
      <td>
        {isExcluded ? (
          <span>Left out</span>
        ) : chosen ? (
          <span>
            Acknowledged: “{chosen.reason}”{' '}
            <button type="button" className="link-button" onClick={() => onAcknowledge(finding, null)}>
              Withdraw
            </button>
          </span>
        ) : writing ? (
          <div className="acknowledge">
            <label>
              Why is {where} not a secret?
              <input value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button
              type="button"
              className="small"
              disabled={reason.trim().length < 3}
              onClick={() => {
                onAcknowledge(finding, reason.trim());
                setWriting(false);
              }}
            >
              Acknowledge
            </button>
          </div>
        ) : (
          <div className="button-row">
            <button type="button" className="small secondary" onClick={() => onExclude(finding.path)}>
              Exclude {finding.path}
            </button>
            <button type="button" className="small secondary" onClick={() => setWriting(true)}>
              Not a secret…
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
