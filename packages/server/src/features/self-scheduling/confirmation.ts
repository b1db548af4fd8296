import type { InvitationContent } from '@pairwise/domain';
import { PORTAL_LINK_PLACEHOLDER, portalUrlFor } from '../invitations/invitation-mail.ts';

/** The approved confirmation with the candidate's real link where the preview showed its placeholder. */
export function withPortalLink(
  content: InvitationContent,
  publicUrl: string,
  portalUrl: string,
): InvitationContent {
  const placeholder = portalUrlFor(publicUrl, PORTAL_LINK_PLACEHOLDER);
  const fill = (value: string) => value.split(placeholder).join(portalUrl);
  return {
    ...content,
    text: fill(content.text),
    html: fill(content.html),
    calendarDescription: fill(content.calendarDescription),
  };
}
