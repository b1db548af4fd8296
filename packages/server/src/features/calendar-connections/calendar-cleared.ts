import type { ComputedPlanningItem } from '@pairwise/domain';
import { calendarUid, panelBlocks } from '../invitations/invitation-mail.ts';
import type { InvitationsRepository } from '../invitations/repository.ts';
import type { CalendarConnectionsService } from './service.ts';

/**
 * "Calendar cleared", from evidence: every panel member (and the line manager, for the debrief)
 * either has a connected calendar that holds each of their blocks at the current time with no
 * other busy time over them, or has none and gets the blocks by mail with the invitation (once
 * it is out, the mailed blocks themselves are the evidence).
 */
export class CalendarClearedEvidence {
  constructor(
    private readonly facts: InvitationsRepository,
    private readonly calendars: CalendarConnectionsService,
  ) {}

  async forInterview(interviewId: string): Promise<ComputedPlanningItem> {
    const facts = await this.facts.facts(interviewId);
    if (!facts) return { done: false };
    const blocks = panelBlocks(facts);
    const people = [...new Map(blocks.map((block) => [block.attendee.id, block.attendee])).values()];
    const [connections, writes, mailed] = await Promise.all([
      this.calendars.repository.findMany(people.map((person) => person.id)),
      this.calendars.repository.writesFor(interviewId),
      this.facts.calendarEvents(interviewId),
    ]);
    const href = `/interviews/${interviewId}`;
    let inCalendars = 0;
    let byMail = 0;
    for (const person of people) {
      const theirs = blocks.filter((block) => block.attendee.id === person.id);
      const uids = theirs.map((block) => ({
        block: block.block,
        uid: calendarUid(interviewId, block.block.kind, person.id),
      }));
      if (!connections.some((row) => row.user_id === person.id)) {
        byMail++;
        continue;
      }
      for (const { block, uid } of uids) {
        const write = writes.find((row) => row.uid === uid);
        if (!write || write.state === 'removed' || write.starts_at !== block.startsAt) {
          return { done: false, evidence: { label: `Blocks not yet in ${person.name}'s calendar`, href } };
        }
        if (write.state === 'failed') {
          return {
            done: false,
            evidence: { label: `${person.name}'s calendar refused the ${block.kind} block; retrying`, href },
          };
        }
        if (write.conflict) {
          return {
            done: false,
            evidence: {
              label: `${person.name}'s calendar shows a busy time over the ${block.kind} block`,
              href,
            },
          };
        }
      }
      inCalendars++;
    }
    const sent = mailed.some((row) => row.block !== 'candidate' && !row.cancelled);
    const parts = [
      inCalendars > 0 && `in ${inCalendars} connected calendar${inCalendars === 1 ? '' : 's'}, no conflicts`,
      byMail > 0 &&
        `${sent ? 'mailed' : 'mailed with the invitation'} to ${byMail} ${byMail === 1 ? 'person' : 'people'} without a connection`,
    ].filter(Boolean);
    return { done: true, evidence: { label: `Blocks ${parts.join('; ')}`, href } };
  }
}
