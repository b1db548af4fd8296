import type { PortalCloneBlock } from '@pairwise/domain';
import { CopyButton } from '../../components/copy-button.tsx';
import { usePortalText } from './portal-i18n.ts';

/** Clone instructions and the candidate's own login, once the repository window is open. */
export function PortalRepositoryBlock({ block }: { block: PortalCloneBlock }) {
  const { t } = usePortalText();
  const status = { copiedText: t('portal.copied'), blockedText: t('portal.copyBlocked') };
  return (
    <section className="portal-card" aria-labelledby="portal-repository">
      <h2 id="portal-repository">{t('portal.repoHeading')}</h2>
      <p>{block.message}</p>
      {block.state === 'open' && block.cloneUrl && (
        <dl className="portal-facts">
          <div>
            <dt>{t('portal.repoCloneUrl')}</dt>
            <dd>
              <code>{block.cloneUrl}</code>{' '}
              <CopyButton text={block.cloneUrl} label={t('portal.repoCopyUrl')} {...status} />
            </dd>
          </div>
          {block.username && (
            <div>
              <dt>{t('portal.repoUsername')}</dt>
              <dd>
                <code>{block.username}</code>
              </dd>
            </div>
          )}
          {block.password && (
            <div>
              <dt>{t('portal.repoPassword')}</dt>
              <dd>
                <code>{block.password}</code>{' '}
                <CopyButton text={block.password} label={t('portal.repoCopyPassword')} {...status} />
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
            <CopyButton text={block.commands.join('\n')} label={t('portal.repoCopyCommands')} {...status} />
          </div>
        </>
      )}
    </section>
  );
}
