/** "812 B", "14.2 KiB", "3.1 MiB": file and task sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * "0.4 s", "42 s", "6:05 min": how long a setup step or a rehearsal took, read next to a budget
 * in minutes. (formatDuration in interview-clock.ts is the countdown's "mm:ss".)
 */
export function humanDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} min`;
}
