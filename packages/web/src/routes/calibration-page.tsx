import {
  type CalibrationResponse,
  calibrationApi,
  decisionLabels,
  decisionOutcomes,
  type InterviewerCalibrationRow,
  recommendationLabels,
  recommendations,
} from '@pairwise/domain';
import { useId, useState } from 'react';
import { PageState } from '../components/page-state.tsx';
import { BarChart } from '../features/calibration/bar-chart.tsx';
import { TableScroll } from '../features/calibration/table-scroll.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useResource } from '../lib/use-resource.ts';
import '../features/calibration/calibration.css';

// Colours with AA contrast against white, told apart by the legend's words as well.
const OWN = '#1f4fbf';
const CO_PANEL = '#b35c00';

const scopeText: Record<CalibrationResponse['scope'], string> = {
  all: 'You see every interviewer and position.',
  positions: 'You see the interviews for the positions you manage.',
  own: 'You see your own figures; agreement, outcomes and the survey are from the interviews you sat on.',
};

const number = (value: number | null, digits = 2) => (value === null ? '—' : value.toFixed(digits));
const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}\u00a0%`);
const signed = (value: number | null) =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(2)}`;

/**
 * How interviewers rate against the colleagues who saw the same candidates, how far panels
 * agree, and what interviews led to, for a period. Every chart repeats a table's figures.
 */
export default function CalibrationPage() {
  useDocumentTitle('Calibration');
  const [period, setPeriod] = useState({ from: '', to: '' });
  const params = new URLSearchParams();
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  const query = params.toString();
  const figures = useResource(
    () =>
      call(calibrationApi.get, {
        query: { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) },
      }),
    `calibration?${query}`,
  );
  const set = (key: 'from' | 'to') => (event: { target: { value: string } }) =>
    setPeriod((current) => ({ ...current, [key]: event.target.value }));

  return (
    <div className="stack">
      <div className="page-heading">
        <h1>Calibration</h1>
        <a className="button secondary" href={`/api/calibration.csv${query ? `?${query}` : ''}`} download>
          Download CSV
        </a>
      </div>
      <p className="lead">
        How each interviewer rates against their co-panelists on the same candidates, how far panels agree,
        and what the interviews led to.
      </p>
      <form className="filters button-row" aria-label="Period" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="calibration-from">From</label>
          <input id="calibration-from" type="date" value={period.from} onChange={set('from')} />
        </div>
        <div className="field">
          <label htmlFor="calibration-to">To</label>
          <input id="calibration-to" type="date" value={period.to} onChange={set('to')} />
        </div>
      </form>
      {figures.data && figures.data.pending > 0 ? (
        <p className="notice" role="status">
          Still adding up {figures.data.pending.toLocaleString('en')} recently changed interviews (after an
          upgrade or a restore this takes a few minutes): the figures below leave them out. Reload the page to
          see them counted.
        </p>
      ) : null}
      {!figures.data || figures.error ? (
        <PageState loading={figures.loading} error={figures.error} />
      ) : (
        <Figures figures={figures.data} />
      )}
    </div>
  );
}

function Figures({ figures }: { figures: CalibrationResponse }) {
  const label = new Map(figures.attributes.map((a) => [a.id, a.label]));
  const shown = figures.interviewers.filter((row) => row.figures !== null);
  return (
    <>
      <p aria-live="polite">
        Interviews from <strong>{figures.from}</strong> to <strong>{figures.to}</strong>.{' '}
        {scopeText[figures.scope]}
      </p>
      <Interviewers figures={figures} shown={shown} />
      {shown.map((row) => (
        <InterviewerDetails key={row.interviewerId} row={row} label={label} />
      ))}
      <Agreement figures={figures} label={label} />
      <Outcomes figures={figures} />
      <Survey figures={figures} />
    </>
  );
}

function Interviewers({
  figures,
  shown,
}: {
  figures: CalibrationResponse;
  shown: InterviewerCalibrationRow[];
}) {
  const tableId = useId();
  return (
    <section className="stack" aria-labelledby="calibration-interviewers">
      <h2 id="calibration-interviewers">Interviewers</h2>
      {figures.interviewers.length === 0 ? (
        <p className="muted">No submitted scorecards in this period.</p>
      ) : (
        <>
          <p className="muted">
            Leniency is the mean of an interviewer's rating minus their co-panelists' mean rating of the same
            candidate and attribute: above zero rates higher than colleagues, below zero lower. Figures appear
            from {figures.minimumInterviews} interviews on.
          </p>
          <TableScroll label="Interviewers' figures">
            <table id={tableId}>
              <caption className="visually-hidden">Each interviewer's figures in the period</caption>
              <thead>
                <tr>
                  <th scope="col">Interviewer</th>
                  <th scope="col" className="number">
                    Interviews
                  </th>
                  <th scope="col" className="number">
                    Leniency
                  </th>
                  {recommendations.map((r) => (
                    <th key={r} scope="col" className="number">
                      {recommendationLabels[r]}
                    </th>
                  ))}
                  <th scope="col" className="number">
                    Bias findings per 1,000 words
                  </th>
                  <th scope="col" className="number">
                    Findings kept
                  </th>
                  <th scope="col" className="number">
                    Refinement (min)
                  </th>
                  <th scope="col" className="number">
                    Pairing (min)
                  </th>
                  <th scope="col" className="number">
                    Deadlines met
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.interviewers.map((row) => {
                  const f = row.figures;
                  const total = f ? recommendations.reduce((sum, r) => sum + f.recommendations[r], 0) : 0;
                  return (
                    <tr key={row.interviewerId}>
                      <th scope="row">{row.name}</th>
                      <td className="number">{row.interviews}</td>
                      {!f ? (
                        <td colSpan={recommendations.length + 6} className="muted">
                          Fewer than {figures.minimumInterviews} interviews: too few to say anything about a
                          person.
                        </td>
                      ) : (
                        <>
                          <td className="number">{signed(f.leniency)}</td>
                          {recommendations.map((r) => (
                            <td key={r} className="number">
                              {percent(total === 0 ? null : f.recommendations[r] / total)}
                            </td>
                          ))}
                          <td className="number">{number(f.biasFindingsPer1000Words, 1)}</td>
                          <td className="number">{percent(f.biasKeptShare)}</td>
                          <td className="number">{number(f.meanRefinementMinutes, 0)}</td>
                          <td className="number">{number(f.meanPairingMinutes, 0)}</td>
                          <td className="number">
                            {f.deadlines.due === 0 ? '—' : `${f.deadlines.met} of ${f.deadlines.due}`}
                          </td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          {shown.length > 0 && (
            <BarChart
              label="Leniency per interviewer, as in the table above"
              describedBy={tableId}
              categories={shown.map((row) => row.name)}
              series={[{ label: 'Leniency', values: shown.map((row) => row.figures!.leniency), color: OWN }]}
              // Symmetric around zero, so more and less lenient read alike.
              min={-leniencyBound(shown)}
              max={leniencyBound(shown)}
            />
          )}
        </>
      )}
    </section>
  );
}

function leniencyBound(rows: InterviewerCalibrationRow[]): number {
  return Math.max(1, ...rows.map((row) => Math.ceil(Math.abs(row.figures?.leniency ?? 0))));
}

function InterviewerDetails({ row, label }: { row: InterviewerCalibrationRow; label: Map<string, string> }) {
  const tableId = useId();
  const attributes = row.figures!.attributes;
  const mean = (counts: number[]) => {
    const total = counts.reduce((sum, n) => sum + n, 0);
    return total === 0 ? null : counts.reduce((sum, n, i) => sum + n * (i + 1), 0) / total;
  };
  return (
    <details className="card">
      <summary>Ratings per attribute: {row.name}</summary>
      <TableScroll label={`${row.name}: ratings per attribute`}>
        <table id={tableId}>
          <caption className="visually-hidden">
            How often {row.name} and their co-panelists gave each rating, per attribute
          </caption>
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col">Rated 1 / 2 / 3 / 4</th>
              <th scope="col">Co-panelists 1 / 2 / 3 / 4</th>
              <th scope="col" className="number">
                Mean
              </th>
              <th scope="col" className="number">
                Co-panelists' mean
              </th>
              <th scope="col" className="number">
                Leniency
              </th>
            </tr>
          </thead>
          <tbody>
            {attributes.map((a) => (
              <tr key={a.attribute}>
                <th scope="row">{label.get(a.attribute) ?? a.attribute}</th>
                <td>{a.own.join(' / ')}</td>
                <td>{a.coPanel.join(' / ')}</td>
                <td className="number">{number(mean(a.own))}</td>
                <td className="number">{number(mean(a.coPanel))}</td>
                <td className="number">{signed(a.leniency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ul className="calibration-legend" aria-hidden="true">
        <li>
          <span className="calibration-swatch" style={{ background: OWN }} />
          {row.name}
        </li>
        <li>
          <span className="calibration-swatch" style={{ background: CO_PANEL }} />
          Co-panelists
        </li>
      </ul>
      <BarChart
        label={`Mean rating per attribute, ${row.name} and co-panelists, as in the table above`}
        describedBy={tableId}
        categories={attributes.map((a) => label.get(a.attribute) ?? a.attribute)}
        series={[
          { label: row.name, values: attributes.map((a) => mean(a.own)), color: OWN },
          { label: 'Co-panelists', values: attributes.map((a) => mean(a.coPanel)), color: CO_PANEL },
        ]}
        min={1}
        max={4}
      />
    </details>
  );
}

function Agreement({ figures, label }: { figures: CalibrationResponse; label: Map<string, string> }) {
  const tableId = useId();
  const computable = figures.agreement.filter((row) => row.alpha !== null);
  return (
    <section className="stack" aria-labelledby="calibration-agreement">
      <h2 id="calibration-agreement">Agreement per attribute</h2>
      {figures.agreement.length === 0 ? (
        <p className="muted">No interview in this period was rated by two panel members.</p>
      ) : (
        <>
          <p className="muted">
            Krippendorff's alpha for ordinal ratings: 1 is full agreement, 0 is what chance would give, below
            0 is systematic disagreement. From 0.667 on it is usually read as acceptable, from 0.8 as good. It
            is not computable when no interview was rated by two panel members, or when every rating was the
            same.
          </p>
          <TableScroll label="Agreement per attribute">
            <table id={tableId}>
              <caption className="visually-hidden">Inter-rater agreement per attribute</caption>
              <thead>
                <tr>
                  <th scope="col">Attribute</th>
                  <th scope="col" className="number">
                    Alpha
                  </th>
                  <th scope="col" className="number">
                    Interviews rated by two or more
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.agreement.map((row) => (
                  <tr key={row.attribute}>
                    <th scope="row">{label.get(row.attribute) ?? row.attribute}</th>
                    <td className="number">
                      {row.alpha === null ? (
                        <span className="muted">Not computable</span>
                      ) : (
                        number(row.alpha, 3)
                      )}
                    </td>
                    <td className="number">{row.units}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {computable.length > 0 && (
            <BarChart
              label="Agreement (alpha) per attribute, as in the table above"
              describedBy={tableId}
              categories={computable.map((row) => label.get(row.attribute) ?? row.attribute)}
              series={[{ label: 'Alpha', values: computable.map((row) => row.alpha), color: OWN }]}
              min={-1}
              max={1}
            />
          )}
        </>
      )}
    </section>
  );
}

function Outcomes({ figures }: { figures: CalibrationResponse }) {
  return (
    <section className="stack" aria-labelledby="calibration-outcomes">
      <h2 id="calibration-outcomes">Per position and task</h2>
      {figures.byTaskAndPosition.length === 0 ? (
        <p className="muted">No interviews reached pairing in this period.</p>
      ) : (
        <TableScroll label="Outcomes per position and task">
          <table>
            <caption className="visually-hidden">Decisions and lever pulls per position and task</caption>
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col">Task</th>
                <th scope="col" className="number">
                  Interviews
                </th>
                {decisionOutcomes.map((o) => (
                  <th key={o} scope="col" className="number">
                    {decisionLabels[o]}
                  </th>
                ))}
                <th scope="col" className="number">
                  Not decided
                </th>
                <th scope="col" className="number">
                  Levers pulled easier / harder
                </th>
                <th scope="col" className="number">
                  Interviews with a pull
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.byTaskAndPosition.map((row) => (
                <tr key={`${row.positionId} ${row.taskId}`}>
                  <th scope="row">{row.positionTitle}</th>
                  <td>{row.taskTitle}</td>
                  <td className="number">{row.interviews}</td>
                  {decisionOutcomes.map((o) => (
                    <td key={o} className="number">
                      {row.outcomes[o]}
                    </td>
                  ))}
                  <td className="number">{row.outcomes.undecided}</td>
                  <td className="number">
                    {row.leverPulls.easier} / {row.leverPulls.harder}
                  </td>
                  <td className="number">{row.leverPulls.interviewsWithPulls}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function Survey({ figures }: { figures: CalibrationResponse }) {
  return (
    <section className="stack" aria-labelledby="calibration-survey">
      <h2 id="calibration-survey">Candidate survey</h2>
      {figures.survey.length === 0 ? (
        <p className="muted">No survey answers in this period.</p>
      ) : (
        <>
          <p className="muted">
            "How well did we prepare you?" (1–5) per month. A month with fewer than{' '}
            {figures.minimumSurveyAnswers} answers shows only their number, so no single candidate can be
            recognised.
          </p>
          {figures.survey.map((position) => (
            <TableScroll key={position.positionId} label={`Survey: ${position.title}`}>
              <table>
                <caption>{position.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" className="number">
                      Answers
                    </th>
                    <th scope="col" className="number">
                      Average
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {position.months.map((month) => (
                    <tr key={month.month}>
                      <th scope="row">{month.month}</th>
                      <td className="number">{month.responses}</td>
                      <td className="number">
                        {month.shown ? (
                          number(month.averageScore, 1)
                        ) : (
                          <span className="muted">Too few to show</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ))}
        </>
      )}
    </section>
  );
}
