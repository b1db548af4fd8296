import { describe, expect, it } from 'vitest';
import { interviewerBlocks } from './interviewer-blocks.ts';
import {
  renderCandidateResponseNotice,
  renderColleagueInvitation,
  renderDeadlineReminder,
  renderInterviewerBlockMessage,
} from './staff-messages.ts';

const [prep] = interviewerBlocks({ startsAt: '2027-03-28T08:00:00Z', positionTitle: 'Backend Engineer' });

describe('staff messages', () => {
  it('words an interviewer block in the interview zone, with a plain-text part and a link', () => {
    const message = renderInterviewerBlockMessage(prep!, 'updated', {
      timeZone: 'Europe/Berlin',
      interviewUrl: 'https://pairwise.example.com/interviews/1',
    });
    expect(message.subject).toBe('Updated: Prep: pair-programming interview (Backend Engineer)');
    expect(message.text).toContain('Sunday 28 March 2027, 09:30–10:00 (Europe/Berlin, UTC+02:00)');
    expect(message.text).toContain('The interview in Pairwise: https://pairwise.example.com/interviews/1');
    expect(message.html).toContain('<a href="https://pairwise.example.com/interviews/1">');
  });

  it('passes a request for another time on without judgement, reason or not', () => {
    const base = {
      candidateName: 'Ada <Lovelace>',
      kind: 'reschedule_requested' as const,
      when: 'Sunday 28 March 2027, 10:00 (Europe/Berlin)',
      interviewUrl: 'https://p/i/1',
    };
    const withReason = renderCandidateResponseNotice({ ...base, reason: 'A clash with <b>school</b>' });
    expect(withReason.text).toContain('In their words:\nA clash with <b>school</b>');
    expect(withReason.html).toContain('A clash with &lt;b&gt;school&lt;/b&gt;');
    expect(withReason.html).not.toContain('<Lovelace>');
    const without = renderCandidateResponseNotice(base);
    expect(without.text).toContain('They gave no reason, and none is needed.');
    expect(without.text).toContain('carries no disadvantage');
  });

  it('reminds with the deadline and where to decide', () => {
    const reminder = renderDeadlineReminder({
      recipientName: 'Nora',
      candidateName: 'Ada Lovelace',
      positionTitle: 'Backend Engineer',
      deadline: '2027-04-07',
      lineManagerName: 'Lena',
      reportUrl: 'https://p/i/1/report',
    });
    expect(reminder.subject).toBe('Reminder: Ada Lovelace would like to hear back by 2027-04-07');
    expect(reminder.text).toContain('Open the report: https://p/i/1/report');
  });
});

describe('renderColleagueInvitation', () => {
  it('names who invited, the roles, the link and when it stops working', () => {
    const mail = renderColleagueInvitation({
      name: 'Pia',
      invitedBy: 'Ada Admin',
      roles: ['Interviewer', 'Line manager'],
      url: 'https://pairwise.example/accept-invitation?token=abc',
      expiresAt: '2026-12-14T09:05:00.000Z',
    });
    expect(mail.subject).toBe('Ada Admin invited you to Pairwise');
    expect(mail.text).toContain('as Interviewer and Line manager.');
    expect(mail.text).toContain('It works until Monday 14 December 2026, 09:05 UTC');
    expect(mail.text).toContain('Choose your password: https://pairwise.example/accept-invitation?token=abc');
    expect(mail.html).toContain('href="https://pairwise.example/accept-invitation?token=abc"');
  });
});
