import type { ReactNode } from 'react';

const BULLET = /^- /;
const AGENDA_ROW = /^(\d{2}:\d{2}–\d{2}:\d{2})\s+(.*)$/;

/**
 * The invitation's plain-text sections as the email words them, laid out for reading on a
 * screen: "- " lines become a list, agenda lines a table, everything else paragraphs.
 */
export function SectionText({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    if (BULLET.test(line)) {
      const items: string[] = [];
      while (i < lines.length && BULLET.test(lines[i]!)) items.push(lines[i++]!.replace(BULLET, ''));
      blocks.push(
        <ul key={i} className="portal-list">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>,
      );
    } else if (AGENDA_ROW.test(line)) {
      const rows: Array<[string, string]> = [];
      for (let match = AGENDA_ROW.exec(lines[i] ?? ''); match; match = AGENDA_ROW.exec(lines[++i] ?? '')) {
        rows.push([match[1]!, match[2]!]);
      }
      blocks.push(
        <table key={i} className="portal-agenda">
          <tbody>
            {rows.map(([time, label]) => (
              <tr key={time}>
                <th scope="row">{time}</th>
                <td>{label}</td>
              </tr>
            ))}
          </tbody>
        </table>,
      );
    } else if (line.trim() === '') {
      i += 1;
    } else {
      const paragraph: string[] = [];
      while (
        i < lines.length &&
        lines[i]!.trim() !== '' &&
        !BULLET.test(lines[i]!) &&
        !AGENDA_ROW.test(lines[i]!)
      ) {
        paragraph.push(lines[i++]!);
      }
      blocks.push(
        <p key={i} className="portal-text">
          {paragraph.join('\n')}
        </p>,
      );
    }
  }
  return <>{blocks}</>;
}
