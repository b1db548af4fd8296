import { ApiError, errorMessage } from '../lib/api-client.ts';

/** The API's message for a failed action, announced to screen readers when it appears. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div className="error-message" role="alert">
      <p>{errorMessage(error)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              <span className="field-name">{humanizeField(field)}:</span> {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "ratings.0.evidenceNoteIds" → "ratings 1 evidence note ids": readable enough to find the input. */
export function humanizeField(field: string): string {
  return field
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
    .join(' ')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);
}
