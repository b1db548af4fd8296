import type { Catalog } from './en.ts';

/** Deutsch, in der Sie-Form: so, wie ein freundliches Team an Bewerberinnen und Bewerber schreibt. */
export const de: Catalog = {
  'time.duration':
    '{minutes, select, 60 {eine Stunde} 120 {zwei Stunden} other {{minutes, plural, one {# Minute} other {# Minuten}}}}',
  'time.dateTimeZone': '{date}, {time} Uhr ({zone})',
  'time.zoneOffset': '{zone}, {offset}',

  'agenda.setup': 'Einrichtung: installieren und klonen (geht nicht von Ihrer Pairing-Zeit ab)',
  'agenda.pairing': 'Pairing: genau {duration}',
  'agenda.break': 'Eine kurze Pause',
  'agenda.retro': 'Eine kurze Retrospektive bei einem Kaffee',
  'agenda.heading': 'Der Ablauf',
  'agenda.timesIn': '(Zeiten in {zone}, {offset})',
  'agenda.timesInHtml': 'Zeiten in {zone} ({offset}).',

  'interview.name':
    'Pair-Programming-Interview{about, select, both { bei {organization} für die Position {position}} organization { bei {organization}} position { für die Position {position}} other {}}',
  'place.videoCall': 'Videocall: {url}',
  'details.when': 'Wann',
  'details.where': 'Wo',
  'details.with': 'Mit',
  'details.task': 'Aufgabe',
  'details.navigator': '{navigator} (Ihr Interviewer)',
  'details.navigatorAndShadows': '{navigator} (Ihr Interviewer) und {shadows} (zweite Interviewperson)',
  'details.forYourInterviewer': 'Für Ihr Gegenüber: {range}',

  'mail.greeting': 'Hallo {name},',
  'invitation.subject': 'Einladung: Pair-Programming-Interview am {when}',
  'invitation.opening':
    'wir laden Sie herzlich zu einem {interview} ein. Unten finden Sie alles zum Tag, damit Sie nichts überrascht.',
  'expect.heading': 'Was Sie erwartet',
  'expect.collaboration':
    'Es geht ums Zusammenarbeiten, nicht ums Fertigwerden. Wir möchten sehen, wie wir gemeinsam arbeiten; die meisten Paare werden mit der Aufgabe nicht fertig, und das ist völlig in Ordnung.',
  'expect.setup':
    'Die Einrichtung ist ein eigener Schritt und geht nicht von Ihrer Pairing-Zeit ab. Das Pairing dauert danach genau {duration}; ein Signal zeigt das Ende an, Sie müssen also nie auf die Uhr schauen.',
  'expect.notes':
    '{navigator} macht sich während der Session Notizen. So muss hinterher nichts aus dem Gedächtnis rekonstruiert werden, und alle, die sich bei uns vorstellen, werden fair auf derselben Art von schriftlicher Grundlage beurteilt. Dass mitgeschrieben wird, ist kein Zeichen dafür, dass etwas schiefläuft.',
  'expect.shadows':
    '{shadows} ist ebenfalls als zweite Interviewperson dabei und macht sich eigene Notizen, damit sich mehr als eine Person unabhängig ein Bild macht.',
  'expect.questions':
    'Fragen sind jederzeit willkommen, und im Netz suchen oder Dokumentation lesen ist ausdrücklich erlaubt – genau wie im Arbeitsalltag.',
  'expect.after':
    'Nach der Pairing-Zeit bitten wir Sie, das Interview-Repository von Ihrem Rechner zu löschen. Nach einer kurzen Pause halten wir bei einem Kaffee eine kurze Retrospektive: Was lief gut, was haben Sie gelernt, was würden Sie anders machen? Wir fragen Sie auch, bis wann Sie von uns hören möchten.',
  'bring.heading': 'Was Sie installieren oder mitbringen sollten',
  'bring.access':
    'Kurz vor der Session zeigt Ihr Portal, wie Sie das Interview-Repository klonen, und die Zugangsdaten dafür.',
  'contact.heading': 'Fragen, Anpassungen oder ein anderer Termin',
  'contact.portal':
    'Ihr Portal (zeigt immer die aktuellen Details; dort können Sie zusagen oder um einen anderen Termin bitten):',
  'contact.portalHtml':
    'Ihr Portal zeigt immer die aktuellen Details; dort können Sie zusagen oder um einen anderen Termin bitten:',
  'contact.noDisadvantage':
    'Um einen anderen Termin zu bitten, hat keinerlei Nachteile – ganz gleich aus welchem Grund und auch noch am Tag selbst. Wenn es Ihnen nicht gut geht, sagen Sie einfach Bescheid, dann finden wir einen anderen Termin.',
  'contact.adjustments':
    'Wenn Ihnen etwas die Session erleichtern würde, können Sie in Ihrem Portal um Anpassungen bitten.',
  'contact.yourContact': 'Ihre Ansprechperson: {name}',
  'invitation.closing': 'Wir freuen uns auf das Pairing mit Ihnen.',
  'portal.section.whenAndWhere': 'Wann und wo',

  'reschedule.subject':
    '{change, select, timeAndPlace {Neuer Termin und Ort} time {Neuer Termin} place {Neuer Ort} other {Aktualisiert}}: Pair-Programming-Interview am {when}',
  'reschedule.lead':
    '{change, select, timeAndPlace {Ihr {interview} hat einen neuen Termin und einen neuen Ort.} time {Ihr {interview} hat einen neuen Termin.} place {Ihr {interview} findet an einem neuen Ort statt.} other {Die Details zu Ihrem {interview} wurden aktualisiert.}}',
  'reschedule.newTime': 'Neuer Termin',
  'reschedule.previousTime': 'Bisheriger Termin',
  'reschedule.newPlace': 'Neuer Ort: {place}',
  'reschedule.calendar':
    'Der Kalendereintrag aktualisiert sich von selbst; alles zum Tag finden Sie wie gewohnt unten.',

  'cancel.subject': 'Abgesagt: Pair-Programming-Interview am {when}',
  'cancel.fact': 'das für {when} geplante {interview} ist abgesagt.',
  'cancel.calendar': 'Auch der Kalendereintrag ist abgesagt; Sie müssen nichts weiter tun.',
  'cancel.contact': 'Bei Fragen hilft Ihnen {name} gern weiter: {email}',
  'mail.kindRegards': 'Viele Grüße',

  'reminder.subject': 'Erinnerung: Pair-Programming-Interview am {when}',
  'reminder.lead':
    'eine kurze Erinnerung: Ihr {interview} ist morgen. Alles bleibt wie in Ihrer Einladung; Ihr Portal zeigt immer die aktuellen Details.',
  'reminder.haveReady': 'Was Sie bereithalten sollten',
  'reminder.cloneFrom':
    'Ab {time} Uhr ({zone}), {duration} vor Beginn, zeigt Ihr Portal, wie Sie das Interview-Repository klonen, und die Zugangsdaten dafür.',
  'reminder.cloneAtStart':
    'Zu Beginn zeigt Ihr Portal, wie Sie das Interview-Repository klonen, und die Zugangsdaten dafür.',
  'reminder.setupNotPairing':
    'Klonen und Installieren gehören zur Einrichtung, die nicht von Ihrer Pairing-Zeit abgeht.',
  'reminder.closing': 'Bis morgen!',

  'ics.summary': 'Pair-Programming-Interview: {position}',
  'ics.collaboration':
    'Es geht ums Zusammenarbeiten, nicht ums Fertigwerden. {navigator} schreibt mit, damit nichts aus dem Gedächtnis rekonstruiert werden muss.',
  'ics.questions': 'Fragen und Websuchen sind willkommen.',
  'ics.where': 'Wo: {place}',
  'ics.portal': 'Portal: {url}',
  'ics.contact': 'Ansprechperson: {name} <{email}>',

  'accommodation.subject': 'Zu Ihrer Anfrage für das Interview als {position}',
  'accommodation.youAsked': 'Sie haben gefragt:',
  'mail.questions': 'Fragen? {name} hilft Ihnen gern weiter: {email}',
  'mail.yourPortal': 'Ihr Portal: {url}',

  'decision.about':
    '{hasPosition, select, yes {Ihr Interview für die Position {position}} other {Ihr Pair-Programming-Interview}}',
  'decision.subject': '{hasOrganization, select, yes {{organization}: {about}} other {{about}}}',
};
