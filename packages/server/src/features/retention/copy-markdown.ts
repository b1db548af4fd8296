type Tables = Record<string, Record<string, unknown>[]>;

// Stored JSON columns are shown parsed, so the candidate reads their notes' text, not escapes.
const readable = (value: unknown): unknown => {
  if (typeof value !== 'string' || !/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

const cell = (value: unknown): string => {
  const shown = readable(value);
  const text = typeof shown === 'string' ? shown : JSON.stringify(shown);
  return (text ?? '').replaceAll('|', '\\|').replaceAll(/\r?\n/g, '<br>');
};

/** The same rows as the JSON copy, readable by the candidate without tools. */
export function candidateCopyMarkdown(tables: Tables, producedAt: string): string {
  const lines = [
    '# Your data at Pairwise',
    '',
    `Produced ${producedAt}. Every row stored about you, table by table; the JSON file holds the same rows.`,
  ];
  for (const [table, rows] of Object.entries(tables)) {
    lines.push('', `## ${table} (${rows.length})`, '');
    if (rows.length === 0) {
      lines.push('Nothing stored.');
      continue;
    }
    const columns = Object.keys(rows[0]!);
    lines.push(`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`);
    for (const row of rows) lines.push(`| ${columns.map((column) => cell(row[column])).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
