/** A step's output is kept as a tail so a chatty install cannot fill memory or the database. */

/** Characters of output kept per step (64 Ki). */
export const outputTailChars = 64 * 1024;
export const tailLineCount = 20;

/** Keeps only the end of a step's output, however much it prints. */
export class OutputTail {
  bytes = 0;
  private buffer = '';
  private trimmed = false;

  append(text: string, byteCount: number): void {
    this.bytes += byteCount;
    this.buffer += text;
    if (this.buffer.length > outputTailChars * 2) {
      this.buffer = this.buffer.slice(-outputTailChars);
      this.trimmed = true;
    }
  }

  text(): string {
    const clean = stripAnsi(this.buffer);
    if (!this.trimmed && clean.length <= outputTailChars) return clean;
    // Once cut, start at a line boundary so the tail never opens with half a line.
    const cut = clean.slice(-outputTailChars);
    return cut.slice(cut.indexOf('\n') + 1);
  }

  lines(): string[] {
    return tailLines(stripAnsi(this.buffer.slice(-16_384)));
  }
}

export function tailLines(text: string): string[] {
  // A carriage return redraws a progress line: keep what was drawn last.
  const lines = text.split('\n').map((line) => line.replace(/\r$/, '').split('\r').at(-1) ?? '');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-tailLineCount);
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
