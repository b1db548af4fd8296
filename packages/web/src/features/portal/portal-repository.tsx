import type { PortalCloneBlock } from '@pairwise/domain';
import { CopyButton } from '../../components/copy-button.tsx';

/** Clone instructions and the candidate's own login, once the repository window is open. */
export function PortalRepositoryBlock({ block }: { block: PortalCloneBlock }) {
  return (
    <section className="portal-card" aria-labelledby="portal-repository">
      <h2 id="portal-repository">The interview repository</h2>
      <p>{block.message}</p>
      {block.state === 'open' && block.cloneUrl && (
        <dl className="portal-facts">
          <div>
            <dt>Clone URL</dt>
            <dd>
              <code>{block.cloneUrl}</code> <CopyButton text={block.cloneUrl} label="Copy URL" />
            </dd>
          </div>
          {block.username && (
            <div>
              <dt>Username</dt>
              <dd>
                <code>{block.username}</code>
              </dd>
            </div>
          )}
          {block.password && (
            <div>
              <dt>Password</dt>
              <dd>
                <code>{block.password}</code> <CopyButton text={block.password} label="Copy password" />
              </dd>
            </div>
          )}
        </dl>
      )}
      {block.commands.length > 0 && (
        <>
          <pre className="portal-commands">
            <code>{block.commands.join('\n')}</code>
          </pre>
          <div className="button-row">
            <CopyButton text={block.commands.join('\n')} label="Copy the commands" />
          </div>
        </>
      )}
    </section>
  );
}
