/**
 * The staff screens' wording, English, ICU MessageFormat. Only English ships; another language
 * is a second object of the same type (`StaffCatalog`) registered in staff-text.ts. Ids say
 * where a text lives (`shell.*`, `nav.*`, `home.*`), so a translator sees its context.
 */
export const staffEn = {
  'shell.skipToContent': 'Skip to content',
  'shell.brand': 'Pairwise',
  'shell.mainNavigation': 'Main',
  'shell.signOut': 'Sign out',
  'shell.loading': 'Loading…',

  'nav.myInterviews': 'My interviews',
  'nav.planInterview': 'Plan interview',
  'nav.candidates': 'Candidates',
  'nav.tasks': 'Tasks',
  'nav.apiTokens': 'API tokens',
  'nav.positions': 'Positions',
  'nav.candidateFeedback': 'Candidate feedback',
  'nav.calibration': 'Calibration',
  'nav.users': 'Users',
  'nav.outbox': 'Outbox',
  'nav.audit': 'Audit log',
  'nav.privacy': 'Privacy',
  'nav.biasTerms': 'Bias terms',
  'nav.singleSignOn': 'Single sign-on',
  'nav.webhooks': 'Webhooks',
  'nav.serviceTokens': 'Service tokens',
  'nav.provisioning': 'Provisioning',
  'nav.settings': 'Settings',

  'home.title': 'My interviews',
  'home.planInterview': 'Plan an interview',
  'home.timesIn': 'Times are shown in your time zone, {zone}.',
  'home.search': 'Find by candidate (start of a name or email)',
  'home.inProgress': 'In progress',
  'home.inProgressEmpty': 'Nothing running right now.',
  'home.upcoming': 'Upcoming',
  'home.upcomingEmpty':
    '{span, select, all {No interviews planned.} other {No interviews planned in this time.}}',
  'home.show': 'Show',
  'home.spanToday': 'Today',
  'home.spanWeek': 'The next 7 days',
  'home.spanAll': 'All upcoming',
  'home.done': 'Done',
  'home.doneEmpty': 'No finished interviews yet.',
  'home.colCandidate': 'Candidate',
  'home.colPosition': 'Position',
  'home.colStarts': 'Starts',
  'home.colStage': 'Stage',
  'home.colNextStep': 'Next step',
  'home.openReport': 'Open the report',
  'home.showMore': 'Show more: {group}',
} as const;

export type StaffMessageId = keyof typeof staffEn;
export type StaffCatalog = Record<StaffMessageId, string>;
