import type { PortalCloneBlock } from '@pairwise/domain';
import { CopyButton } from '../../components/copy-button.tsx';

/**
 * The navigator's copy of what the candidate's portal shows while the repository is open, to
 * read out or paste into the video call's chat if the candidate cannot reach their portal.
 */
export function CloneInstructions({ block }: { block: PortalCloneBlock }) {
  const commands = block.commands.join('\n');
  return (
    <div className="clone-instructions">
      <p className="hint">
        The candidate sees these on their portal. If they cannot open it, paste the commands into the call's
        chat: they keep the password out of every file.
      </p>
      <dl className="clone-login">
        <div>
          <dt>Clone URL</dt>
          <dd>
            <code>{block.cloneUrl}</code>
          </dd>
        </div>
        <div>
          <dt>Username</dt>
          <dd>
            <code>{block.username}</code>
          </dd>
        </div>
        <div>
          <dt>Password</dt>
          <dd>
            <code className="clone-password">{block.password}</code>{' '}
            <CopyButton text={block.password ?? ''} label="Copy password" />
          </dd>
        </div>
      </dl>
      <pre className="clone-commands">
        <code>{commands}</code>
      </pre>
      <CopyButton text={commands} label="Copy the commands" />
    </div>
  );
}
