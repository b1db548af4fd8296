import { calendarFeedApi } from '@pairwise/domain';
import { useState } from 'react';
import { CopyButton } from '../components/copy-button.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { PageState } from '../components/page-state.tsx';
import { PasswordSection, SessionsSection } from '../features/account/account-security.tsx';
import { CalendarConnectionSection } from '../features/account/calendar-connection.tsx';
import { useUser } from '../features/session/session-context.tsx';
import { call } from '../lib/api-client.ts';
import { useDocumentTitle } from '../lib/document-title.ts';
import { useAction } from '../lib/use-action.ts';
import { useResource } from '../lib/use-resource.ts';
import { formatDateTime } from '../lib/zoned-format.ts';

/** The signed-in user's own settings: for now, the private calendar feed. */
export default function AccountPage() {
  const user = useUser();
  useDocumentTitle('Your account');
  const feed = useResource(() => call(calendarFeedApi.state), 'calendar-feed');
  const [url, setUrl] = useState<string | null>(null);
  const rotate = useAction(async () => {
    const created = await call(calendarFeedApi.rotate);
    setUrl(created.url);
    feed.setData({ active: true, createdAt: created.createdAt });
  });
  const revoke = useAction(async () => {
    await call(calendarFeedApi.revoke);
    setUrl(null);
    feed.setData({ active: false, createdAt: null });
  });

  return (
    <div className="stack narrow">
      <h1>Your account</h1>
      <p>
        {user.name} · {user.email}
      </p>
      <section className="card stack" aria-labelledby="feed-heading">
        <h2 id="feed-heading">Calendar feed</h2>
        <p>
          Subscribe to this private address in your calendar app to see your Pairwise blocks (prep,
          interviews, refinement, debriefs) as they change. It carries no candidate details.
        </p>
        {!feed.data ? (
          <PageState loading={feed.loading} error={feed.error} />
        ) : (
          <>
            {url ? (
              <div className="stack">
                <label htmlFor="feed-url">
                  Your feed address (shown only now; copy it into your calendar app)
                </label>
                <input id="feed-url" readOnly value={url} onFocus={(e) => e.target.select()} />
                <div className="button-row">
                  <CopyButton text={url} label="Copy address" />
                </div>
              </div>
            ) : feed.data.active ? (
              <p>
                A feed address exists since {formatDateTime(feed.data.createdAt!)}. For safety it is not shown
                again; create a new one if you need it (the old one stops working).
              </p>
            ) : (
              <p className="muted">You have no feed address yet.</p>
            )}
            <div className="button-row">
              <button type="button" className="primary" disabled={rotate.busy} onClick={() => rotate.run()}>
                {feed.data.active ? 'Create a new address' : 'Create feed address'}
              </button>
              {feed.data.active && (
                <button
                  type="button"
                  className="secondary"
                  disabled={revoke.busy}
                  onClick={() => revoke.run()}
                >
                  Turn the feed off
                </button>
              )}
            </div>
            <ErrorMessage error={rotate.error ?? revoke.error} />
          </>
        )}
      </section>
      <CalendarConnectionSection />
      <SessionsSection />
      <PasswordSection />
    </div>
  );
}
