/**
 * Pairwise's own wording for candidates, in English: the source every other catalog carries
 * (a missing id does not compile there). ICU MessageFormat; `{name}` is a value, plurals and
 * selects are ICU's. The warmth is the point: a translation carries it, not the word order.
 */
export const en = {
  // Durations and times
  'time.duration':
    '{minutes, select, 60 {one hour} 120 {two hours} other {{minutes, plural, one {# minute} other {# minutes}}}}',
  'time.dateTimeZone': '{date}, {time} ({zone})',
  'time.zoneOffset': '{zone}, {offset}',

  // The agenda
  'agenda.setup': 'Setup: install and clone (not taken from your pairing time)',
  'agenda.pairing': 'Pairing: exactly {duration}',
  'agenda.break': 'A short break',
  'agenda.retro': 'A short retrospective over coffee',
  'agenda.heading': 'The agenda',
  'agenda.timesIn': '(times in {zone}, {offset})',
  'agenda.timesInHtml': 'Times in {zone} ({offset}).',

  // Who, what, where
  'interview.name':
    'pair-programming interview{about, select, both { with {organization} for the {position} position} organization { with {organization}} position { for the {position} position} other {}}',
  'place.videoCall': 'Video call: {url}',
  'details.when': 'When',
  'details.where': 'Where',
  'details.with': 'With',
  'details.task': 'Task',
  'details.navigator': '{navigator} (your interviewer)',
  'details.navigatorAndShadows': '{navigator} (your interviewer) and {shadows} (second interviewer)',
  'details.forYourInterviewer': 'For your interviewer: {range}',

  // The invitation
  'mail.greeting': 'Hello {name},',
  'invitation.subject': 'Invitation: pair-programming interview on {when}',
  'invitation.opening':
    'You are invited to a {interview}. Everything about the day is below, so nothing should come as a surprise.',
  'expect.heading': 'What to expect',
  'expect.collaboration':
    'It is about collaboration, not about finishing. We want to see how we work together; most pairs do not finish the task, and that is completely fine.',
  'expect.setup':
    'Setup is its own step and is not taken from your pairing time. Pairing then lasts exactly {duration}; an alarm marks the end, so you never need to watch the clock.',
  'expect.notes':
    '{navigator} will take notes during the session. We do this so that nothing has to be recalled from memory afterwards and everyone who interviews with us is assessed fairly, on the same kind of written record. Note-taking is not a sign that anything went wrong.',
  'expect.shadows':
    '{shadows} will also join as a second interviewer and take their own notes, so that more than one person forms an independent view.',
  'expect.questions':
    'Questions are welcome at any time, and searching the web or reading documentation is fine, just as in everyday work.',
  'expect.after':
    'When the pairing time is over, we will ask you to delete the interview repository from your machine. After a short break we hold a short retrospective over coffee: what went well, what you learned, what you would change. We will also ask by when you would like to hear back from us.',
  'bring.heading': 'What to install or bring',
  'bring.access':
    'Shortly before the session, your portal shows how to clone the interview repository and the credentials to use.',
  'bring.laptop': 'A laptop with git and the editor you like to use.',
  'bring.commands':
    'The interview repository is set up and tested with these commands, so please have what they need installed:',
  'contact.heading': 'Questions, adjustments or another time',
  'contact.portal': 'Your portal (always shows the current details; confirm or ask for another time there):',
  'contact.portalHtml':
    'Your portal always shows the current details; confirm or ask for another time there:',
  'contact.noDisadvantage':
    'Asking for another time carries no disadvantage, whatever the reason and also on the day itself. If you are not feeling well, tell us and we will simply find another time.',
  'contact.adjustments':
    'If anything would make the session work better for you, you can ask for adjustments on your portal.',
  'contact.yourContact': 'Your contact: {name}',
  'invitation.closing': 'We look forward to pairing with you.',
  'portal.section.whenAndWhere': 'When and where',

  // A new time or place
  'reschedule.subject':
    '{change, select, timeAndPlace {New time and place} time {New time} place {New place} other {Updated}}: pair-programming interview on {when}',
  'reschedule.lead':
    '{change, select, timeAndPlace {Your {interview} has a new time and place.} time {Your {interview} has a new time.} place {Your {interview} has a new place.} other {The details of your {interview} have been updated.}}',
  'reschedule.newTime': 'New time',
  'reschedule.previousTime': 'Previous time',
  'reschedule.newPlace': 'New place: {place}',
  'reschedule.calendar': 'The calendar entry updates itself; everything about the day is below, as before.',

  // A cancellation
  'cancel.subject': 'Cancelled: pair-programming interview on {when}',
  'cancel.fact': 'The {interview} planned for {when} is cancelled.',
  'cancel.calendar': 'The calendar entry is cancelled too; you do not need to do anything.',
  'cancel.contact': 'If you have any questions, {name} is happy to help: {email}',
  'mail.kindRegards': 'Kind regards,',

  // The day before
  'reminder.subject': 'Reminder: pair-programming interview on {when}',
  'reminder.lead':
    'A short reminder that your {interview} is tomorrow. Everything is as in your invitation; your portal always shows the current details.',
  'reminder.haveReady': 'What to have ready',
  'reminder.cloneFrom':
    'From {time} ({zone}), {duration} before the start, your portal shows how to clone the interview repository and the credentials to use.',
  'reminder.cloneAtStart':
    'At the start, your portal shows how to clone the interview repository and the credentials to use.',
  'reminder.setupNotPairing':
    'Cloning and installing happen in the setup step, which is not taken from your pairing time.',
  'reminder.closing': 'See you tomorrow.',

  // The calendar entry
  'ics.summary': 'Pair-programming interview: {position}',
  'ics.collaboration':
    'It is about collaboration, not finishing. {navigator} takes notes so nothing is recalled from memory.',
  'ics.questions': 'Questions and web searches are welcome.',
  'ics.where': 'Where: {place}',
  'ics.portal': 'Portal: {url}',
  'ics.contact': 'Contact: {name} <{email}>',

  // The answer to an accommodation request
  'accommodation.subject': 'About your request for the {position} interview',
  'accommodation.youAsked': 'You asked:',
  'mail.questions': 'Questions? {name} is happy to help: {email}',
  'mail.yourPortal': 'Your portal: {url}',

  // The frame around the line manager's decision
  'decision.about':
    '{hasPosition, select, yes {your interview for {position}} other {your pair-programming interview}}',
  'decision.subject': '{hasOrganization, select, yes {{organization}: about {about}} other {About {about}}}',

  // The portal
  'portal.skipToContent': 'Skip to content',
  'portal.title': 'Your interview',
  'portal.unavailable': 'This page is not available',
  'portal.loading': 'Loading your interview…',
  'portal.hello': 'Hello {name}',
  'portal.lead': 'This page always shows the current details of your pair-programming interview.',
  'portal.language': 'Language',
  'portal.languageSaved': 'From now on we write to you in this language.',
  'portal.heading':
    '{phase, select, upcoming {Your interview} in_session {Today} after {Thank you for pairing with us} decided {Thank you for pairing with us} cancelled {This interview is cancelled} other {About your interview}}',
  'portal.inSession': 'Your interview is happening now. Enjoy the pairing!',
  'portal.cancelled':
    'The interview planned for {when} is cancelled. The calendar entry is cancelled too; you do not need to do anything. If you have questions, {name} is happy to help.',
  'portal.closed':
    'This interview is not going ahead as planned. If you would like to find a new time, write to {name}:',
  'portal.confirmed': 'You confirmed on {at}. Thank you, see you then!',
  'portal.rescheduleRequested':
    'You asked for another time on {at}. {name} will send you a new time; your calendar entry updates itself.',
  'portal.noDisadvantage':
    'Asking for another time carries no disadvantage, whatever the reason and also on the day itself. If you are not feeling well, just tell us.',
  'portal.confirm': 'Confirm this time',
  'portal.askAnother': 'Ask for another time',
  'portal.reasonLabel': 'Anything you would like us to know? (optional)',
  'portal.reasonHint': 'You do not need to give a reason. Times that suit you better are welcome.',
  'portal.sendRequest': 'Send my request',
  'portal.neverMind': 'Never mind',
  'portal.contactHeading': 'Questions?',
  'portal.contactText': '{name} is happy to help:',
  'portal.hearBackHeading': 'Hearing back from us',
  'portal.decisionSent': 'We sent you our answer by email on {at}.',
  'portal.hearBackBy': 'You would like to hear back by {date}. We will write to you by then.',
  'portal.hearBackLabel': 'By when would you like to hear back from us?',
  'portal.hearBackHint': 'Pick the date that works for you; we plan our decision around it.',
  'portal.hearBackSave': 'Save the date',
  'portal.surveyHeading': 'Three short questions',
  'portal.surveyThanks': 'Thank you for your answers. They help the next candidate.',
  'portal.surveyAnonymous':
    'Your answers are stored without your name and without a link to your interview. We only ever look at them together with others for the same position.',
  'portal.surveyPrepared': 'How well did we prepare you for what happened today?',
  'portal.surveyScore': '{score, select, 1 {Not at all} 2 {A little} 3 {Partly} 4 {Well} other {Very well}}',
  'portal.surveySurprise': 'Was anything a surprise?',
  'portal.surveyComments': 'Anything else you would like to tell us?',
  'portal.surveySend': 'Send anonymously',
  'portal.adjustForm': 'Ask for adjustments',
  'portal.hearBackForm': 'By when would you like to hear back?',
  'portal.surveyForm': 'Survey',
  'portal.adjustHeading': 'Adjustments',
  'portal.adjustLead':
    'If anything would make the session work better for you (a screen reader, larger font, more breaks, a different editor, captions), tell us here. Only your interviewers read it.',
  'portal.adjustAnswer': 'Our answer:',
  'portal.adjustLabel': 'What would help?',
  'portal.adjustSend': 'Send to my interviewers',
  'portal.repoHeading': 'The interview repository',
  'portal.repoCloneUrl': 'Clone URL',
  'portal.repoUsername': 'Username',
  'portal.repoPassword': 'Password',
  'portal.repoCopyUrl': 'Copy URL',
  'portal.repoCopyPassword': 'Copy password',
  'portal.repoCopyCommands': 'Copy the commands',
  'portal.copied': 'Copied',
  'portal.copyBlocked': 'Copying is blocked here: select the text and copy it.',
  'portal.privacyHeading': 'Your data',
  'portal.privacyKeptLead': 'What we keep about your interview:',
  'portal.privacyKeptContact':
    'Your name, email address and time zone, and the time and place of the interview.',
  'portal.privacyKeptTold':
    'What you tell us here: confirmations, requests for another time, adjustments, and by when you would like to hear back.',
  'portal.privacyKeptNotes': 'The interviewers’ notes and assessment of the session, and our decision.',
  'portal.privacyKeptCode': 'Code you push to the interview repository during the session.',
  'portal.privacyKeptSurvey':
    'Survey answers are stored without your name and without a link to this interview: only the position and the month.',
  'portal.privacyHowLong':
    'We keep your interview record for the retention period our hiring team has set, and then delete it; {name} can tell you the date. You can ask for a copy or for erasure at any time. This link stops working {days, plural, one {# day} other {# days}} after we tell you our decision.',
  'portal.privacyLinkUntil': 'This link works until {at}.',
  'portal.privacyRequested':
    '{kind, select, copy {You asked for a copy of your data on {at}.} other {You asked for the erasure of your data on {at}.}} We will reply by email.',
  'portal.privacyRequestCopy': 'Request a copy of my data',
  'portal.privacyRequestErasure': 'Request erasure of my data',
  'portal.privacyConfirmLegend': 'Confirm the erasure request',
  'portal.privacyConfirmText':
    'We will delete what we keep about you and let you know by email. If the interview is still ahead, tell your contact too, so they can cancel it.',
  'portal.privacyConfirmYes': 'Yes, request erasure',
  'portal.privacyNotNow': 'Not now',

  // The clone block on the portal
  'repo.placeholder':
    'Instructions to clone the interview repository, with your own login, appear here a few minutes before pairing. Setup has its own time and is not taken from your pairing hour.',
  'repo.opening': 'at {time} on {date} ({zone})',
  'repo.open':
    'Run these commands in a terminal (on Windows, in Git Bash) to get the repository. The password stays in that terminal only (the {variable} variable), never in a file; in a new terminal, run the first line again. Commit and push as you go: your interviewer sees each push.',
  'repo.notYet':
    'The interview repository opens {opening}. The clone command and your own login appear here then. Setup has its own time and is not taken from your pairing hour.',
  'repo.closedByNavigator':
    'Your interviewer has closed the interview repository for now. The instructions appear here again when it reopens.',
  'repo.closed':
    'The interview repository is closed. Thank you: everything you pushed has been kept. Please delete your copy of it from your machine.',

  // The portal's refusals
  'portal.errorNotAhead': 'The interview is no longer ahead, so there is nothing to confirm or move here.',
  'portal.errorOver': 'The interview is over; for anything else, please write to your contact.',
  'portal.errorTooManyRequests': 'Please write to {name} directly: {email}.',
  'portal.errorHearBackNotYet': 'We ask by when you would like to hear back after the interview.',
  'portal.errorHearBackBefore':
    'You hear back from us after the interview, so please choose {date} or later.',
  'portal.errorHearBackPast': 'Please choose today or a later date.',
  'portal.errorHearBackKnown': 'We already noted by when you would like to hear back.',
  'portal.errorSurveyNotYet': 'The short survey opens after the interview.',
  'portal.errorSurveyAnswered': 'You answered the survey already. Thank you!',
  'portal.errorLanguage': 'Please choose one of the languages offered.',

  // Choosing a time (self-scheduling)
  'portal.youChoose': 'You choose: see the times below',
  'portal.tentative':
    'Your calendar answered “maybe” on {at}. Confirm here when you are sure, or ask for another time.',
  'portal.declined':
    'Your calendar declined this time on {at}. {name} will be in touch; you can also ask for another time here.',
  'slots.legend': '{kind, select, invitation {Choose a time} other {Choose a new time}}',
  'slots.hint':
    '{zonesDiffer, select, yes {Times are shown in your time zone, {zone}; beneath each, the interviewers’ time ({interviewZone}). The first person to book a time gets it.} other {Times are shown in your time zone, {zone}. The first person to book a time gets it.}}',
  'slots.forInterviewers': 'For the interviewers: {range}',
  'slots.taken': 'No longer available',
  'slots.book': 'Book the selected time',
  'slots.confirmLegend': 'Confirm your time',
  'slots.confirmQuestion': 'Book {time}? You get a confirmation with a calendar entry by mail.',
  'slots.confirmYes': 'Yes, book this time',
  'slots.chooseAnother': 'Choose another',
  'slots.errorNotAhead': 'The interview is no longer ahead, so there is no time to choose here.',
  'slots.errorPickFirst': 'Choose one of the offered times first; choosing it confirms it.',
  'slots.errorNoLongerOffered': 'These times are no longer offered. Reload the page to see the current plan.',
  'slots.errorNotOffered': 'This is not one of the offered times.',
  'slots.fieldNotOffered': 'Choose one of the offered times.',
  'slots.errorPassed': 'This time has passed. Please choose another.',
  'slots.fieldPassed': 'Choose a time that is still ahead.',
  'slots.errorChanged':
    'The interview details changed since these times were offered. {name} will send new times; you can also write to {email}.',
  'slots.errorTaken': 'Someone else just took this time. Please choose another one.',
  'slots.fieldTaken': 'This time was just taken: choose another.',
  'slots.errorAlreadyChosen': 'A time was chosen already. Reload the page to see it.',

  // The offer of times
  'offer.subject':
    '{rescheduling, select, yes {Choose a new time for your {position} interview} other {Choose a time for your {position} pair-programming interview}}',
  'offer.intro':
    '{rescheduling, select, yes {Here are new times for your interview. Your current time stays booked until you choose one of these.} other {Thank you for your interest. Please choose the time that suits you best for a pair-programming interview.}}',
  'offer.timesIn': 'Times (shown in {zone}):',
  'offer.slot': '{own}; for the interviewers {theirs}',
  'offer.pick':
    'Choose a time on your private page; the first person to choose a time gets it, so the list there is always current. You get a confirmation with a calendar entry as soon as you have chosen.',
  'offer.link': 'Choose your time',
  'offer.noneWorks': 'None of these works? Write to {name}: {email}',
} as const;

export type MessageId = keyof typeof en;
export type Catalog = Record<MessageId, string>;
