import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/document-title.ts';

export default function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <section>
      <h1>There is no page here</h1>
      <p>
        The address may be mistyped or out of date. <Link to="/">Go to your interviews</Link>.
      </p>
    </section>
  );
}
