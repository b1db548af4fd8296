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
  'bring.laptop': 'Einen Laptop mit git und dem Editor, mit dem Sie gern arbeiten.',
  'bring.commands':
    'Das Interview-Repository wird mit diesen Befehlen eingerichtet und getestet; bitte installieren Sie vorab, was sie brauchen:',
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

  'portal.skipToContent': 'Zum Inhalt springen',
  'portal.title': 'Ihr Interview',
  'portal.unavailable': 'Diese Seite ist nicht verfügbar',
  'portal.loading': 'Ihr Interview wird geladen …',
  'portal.hello': 'Hallo {name}',
  'portal.lead':
    'Auf dieser Seite finden Sie immer die aktuellen Details zu Ihrem Pair-Programming-Interview.',
  'portal.language': 'Sprache',
  'portal.languageSaved': 'Ab jetzt schreiben wir Ihnen in dieser Sprache.',
  'portal.heading':
    '{phase, select, upcoming {Ihr Interview} in_session {Heute} after {Danke fürs Pairing mit uns} decided {Danke fürs Pairing mit uns} cancelled {Dieses Interview ist abgesagt} other {Zu Ihrem Interview}}',
  'portal.inSession': 'Ihr Interview läuft gerade. Viel Freude beim Pairing!',
  'portal.cancelled':
    'Das für {when} geplante Interview ist abgesagt. Auch der Kalendereintrag ist abgesagt; Sie müssen nichts weiter tun. Bei Fragen hilft Ihnen {name} gern weiter.',
  'portal.closed':
    'Dieses Interview findet nicht wie geplant statt. Wenn Sie einen neuen Termin finden möchten, schreiben Sie {name}:',
  'portal.confirmed': 'Sie haben am {at} zugesagt. Vielen Dank, bis dann!',
  'portal.rescheduleRequested':
    'Sie haben am {at} um einen anderen Termin gebeten. {name} schickt Ihnen einen neuen Termin; Ihr Kalendereintrag aktualisiert sich von selbst.',
  'portal.noDisadvantage':
    'Um einen anderen Termin zu bitten, hat keinerlei Nachteile – ganz gleich aus welchem Grund und auch noch am Tag selbst. Wenn es Ihnen nicht gut geht, sagen Sie einfach Bescheid.',
  'portal.confirm': 'Termin bestätigen',
  'portal.askAnother': 'Um einen anderen Termin bitten',
  'portal.reasonLabel': 'Möchten Sie uns etwas mitteilen? (freiwillig)',
  'portal.reasonHint':
    'Einen Grund müssen Sie nicht nennen. Termine, die Ihnen besser passen, sind willkommen.',
  'portal.sendRequest': 'Anfrage senden',
  'portal.neverMind': 'Doch nicht',
  'portal.contactHeading': 'Fragen?',
  'portal.contactText': '{name} hilft Ihnen gern weiter:',
  'portal.hearBackHeading': 'Wann Sie von uns hören',
  'portal.decisionSent': 'Wir haben Ihnen unsere Antwort am {at} per E-Mail geschickt.',
  'portal.hearBackBy': 'Sie möchten bis {date} von uns hören. Bis dahin melden wir uns bei Ihnen.',
  'portal.hearBackLabel': 'Bis wann möchten Sie von uns hören?',
  'portal.hearBackHint': 'Wählen Sie das Datum, das für Sie passt; wir planen unsere Entscheidung danach.',
  'portal.hearBackSave': 'Datum speichern',
  'portal.surveyHeading': 'Drei kurze Fragen',
  'portal.surveyThanks':
    'Vielen Dank für Ihre Antworten. Sie helfen den nächsten Bewerberinnen und Bewerbern.',
  'portal.surveyAnonymous':
    'Ihre Antworten werden ohne Ihren Namen und ohne Bezug zu Ihrem Interview gespeichert. Wir sehen sie uns nur zusammen mit anderen Antworten zur selben Position an.',
  'portal.surveyPrepared': 'Wie gut haben wir Sie auf das vorbereitet, was heute passiert ist?',
  'portal.surveyScore': '{score, select, 1 {Gar nicht} 2 {Kaum} 3 {Teilweise} 4 {Gut} other {Sehr gut}}',
  'portal.surveySurprise': 'Hat Sie etwas überrascht?',
  'portal.surveyComments': 'Möchten Sie uns sonst noch etwas sagen?',
  'portal.surveySend': 'Anonym senden',
  'portal.adjustForm': 'Um Anpassungen bitten',
  'portal.hearBackForm': 'Bis wann möchten Sie von uns hören?',
  'portal.surveyForm': 'Umfrage',
  'portal.adjustHeading': 'Anpassungen',
  'portal.adjustLead':
    'Wenn Ihnen etwas die Session erleichtern würde (ein Screenreader, eine größere Schrift, mehr Pausen, ein anderer Editor, Untertitel), sagen Sie es uns hier. Nur Ihre Interviewer lesen es.',
  'portal.adjustAnswer': 'Unsere Antwort:',
  'portal.adjustLabel': 'Was würde Ihnen helfen?',
  'portal.adjustSend': 'An meine Interviewer senden',
  'portal.repoHeading': 'Das Interview-Repository',
  'portal.repoCloneUrl': 'Klon-URL',
  'portal.repoUsername': 'Benutzername',
  'portal.repoPassword': 'Passwort',
  'portal.repoCopyUrl': 'URL kopieren',
  'portal.repoCopyPassword': 'Passwort kopieren',
  'portal.repoCopyCommands': 'Befehle kopieren',
  'portal.copied': 'Kopiert',
  'portal.copyBlocked': 'Kopieren ist hier blockiert: Markieren Sie den Text und kopieren Sie ihn selbst.',
  'portal.privacyHeading': 'Ihre Daten',
  'portal.privacyKeptLead': 'Was wir zu Ihrem Interview speichern:',
  'portal.privacyKeptContact':
    'Ihren Namen, Ihre E-Mail-Adresse und Zeitzone sowie Zeit und Ort des Interviews.',
  'portal.privacyKeptTold':
    'Was Sie uns hier mitteilen: Zusagen, Bitten um einen anderen Termin, Anpassungen und bis wann Sie von uns hören möchten.',
  'portal.privacyKeptNotes':
    'Die Notizen und die Einschätzung der Interviewer zur Session sowie unsere Entscheidung.',
  'portal.privacyKeptCode': 'Code, den Sie während der Session in das Interview-Repository pushen.',
  'portal.privacyKeptSurvey':
    'Umfrageantworten speichern wir ohne Ihren Namen und ohne Bezug zu diesem Interview: nur mit der Position und dem Monat.',
  'portal.privacyHowLong':
    'Wir bewahren Ihre Interviewunterlagen so lange auf, wie unser Recruiting-Team es festgelegt hat, und löschen sie danach; {name} kann Ihnen das Datum nennen. Sie können jederzeit eine Kopie oder die Löschung verlangen. Dieser Link funktioniert noch {days, plural, one {# Tag} other {# Tage}}, nachdem wir Ihnen unsere Entscheidung mitgeteilt haben.',
  'portal.privacyLinkUntil': 'Dieser Link funktioniert bis {at}.',
  'portal.privacyRequested':
    '{kind, select, copy {Sie haben am {at} eine Kopie Ihrer Daten angefordert.} other {Sie haben am {at} die Löschung Ihrer Daten verlangt.}} Wir antworten Ihnen per E-Mail.',
  'portal.privacyRequestCopy': 'Kopie meiner Daten anfordern',
  'portal.privacyRequestErasure': 'Löschung meiner Daten verlangen',
  'portal.privacyConfirmLegend': 'Löschung bestätigen',
  'portal.privacyConfirmText':
    'Wir löschen, was wir über Sie gespeichert haben, und geben Ihnen per E-Mail Bescheid. Wenn das Interview noch bevorsteht, sagen Sie bitte auch Ihrer Ansprechperson Bescheid, damit sie es absagen kann.',
  'portal.privacyConfirmYes': 'Ja, Löschung verlangen',
  'portal.privacyNotNow': 'Jetzt nicht',

  'repo.placeholder':
    'Die Anleitung zum Klonen des Interview-Repositorys erscheint mit Ihren eigenen Zugangsdaten einige Minuten vor dem Pairing hier. Die Einrichtung hat ihre eigene Zeit und geht nicht von Ihrer Pairing-Stunde ab.',
  'repo.opening': 'am {date} um {time} Uhr ({zone})',
  'repo.open':
    'Führen Sie diese Befehle in einem Terminal aus (unter Windows in Git Bash), um das Repository zu holen. Das Passwort bleibt nur in diesem Terminal (in der Variablen {variable}) und landet nie in einer Datei; in einem neuen Terminal führen Sie einfach die erste Zeile noch einmal aus. Committen und pushen Sie zwischendurch: Ihr Interviewer sieht jeden Push.',
  'repo.notYet':
    'Das Interview-Repository öffnet {opening}. Dann erscheinen hier der Klon-Befehl und Ihre eigenen Zugangsdaten. Die Einrichtung hat ihre eigene Zeit und geht nicht von Ihrer Pairing-Stunde ab.',
  'repo.closedByNavigator':
    'Ihr Interviewer hat das Interview-Repository vorübergehend geschlossen. Sobald es wieder offen ist, erscheinen die Anweisungen hier erneut.',
  'repo.closed':
    'Das Interview-Repository ist geschlossen. Vielen Dank: Alles, was Sie gepusht haben, ist gesichert. Bitte löschen Sie Ihre Kopie jetzt von Ihrem Rechner.',

  'portal.errorNotAhead':
    'Das Interview liegt nicht mehr vor Ihnen; hier gibt es also nichts mehr zu bestätigen oder zu verschieben.',
  'portal.errorOver': 'Das Interview ist vorbei; für alles Weitere schreiben Sie bitte Ihrer Ansprechperson.',
  'portal.errorTooManyRequests': 'Bitte schreiben Sie {name} direkt: {email}.',
  'portal.errorHearBackNotYet': 'Bis wann Sie von uns hören möchten, fragen wir nach dem Interview.',
  'portal.errorHearBackBefore':
    'Sie hören nach dem Interview von uns; bitte wählen Sie den {date} oder später.',
  'portal.errorHearBackPast': 'Bitte wählen Sie heute oder ein späteres Datum.',
  'portal.errorHearBackKnown': 'Wir haben uns schon notiert, bis wann Sie von uns hören möchten.',
  'portal.errorSurveyNotYet': 'Die kurze Umfrage öffnet nach dem Interview.',
  'portal.errorSurveyAnswered': 'Sie haben die Umfrage schon beantwortet. Vielen Dank!',
  'portal.errorLanguage': 'Bitte wählen Sie eine der angebotenen Sprachen.',

  'portal.youChoose': 'Sie wählen: siehe die Termine unten',
  'portal.tentative':
    'Ihr Kalender hat am {at} mit „vielleicht“ geantwortet. Bestätigen Sie hier, sobald Sie sicher sind, oder bitten Sie um einen anderen Termin.',
  'portal.declined':
    'Ihr Kalender hat diesen Termin am {at} abgelehnt. {name} meldet sich bei Ihnen; Sie können hier auch um einen anderen Termin bitten.',
  'slots.legend': '{kind, select, invitation {Termin wählen} other {Neuen Termin wählen}}',
  'slots.hint':
    '{zonesDiffer, select, yes {Die Zeiten sind in Ihrer Zeitzone angegeben, {zone}; darunter jeweils die Zeit der Interviewenden ({interviewZone}). Wer einen Termin zuerst bucht, bekommt ihn.} other {Die Zeiten sind in Ihrer Zeitzone angegeben, {zone}. Wer einen Termin zuerst bucht, bekommt ihn.}}',
  'slots.forInterviewers': 'Für die Interviewenden: {range}',
  'slots.taken': 'Nicht mehr verfügbar',
  'slots.book': 'Ausgewählten Termin buchen',
  'slots.confirmLegend': 'Termin bestätigen',
  'slots.confirmQuestion': '{time} buchen? Sie erhalten eine Bestätigung mit Kalendereintrag per E-Mail.',
  'slots.confirmYes': 'Ja, diesen Termin buchen',
  'slots.chooseAnother': 'Anderen Termin wählen',
  'slots.errorNotAhead':
    'Das Interview liegt nicht mehr vor Ihnen, daher gibt es hier keinen Termin mehr zu wählen.',
  'slots.errorPickFirst':
    'Bitte wählen Sie zuerst einen der angebotenen Termine; mit der Wahl ist er bestätigt.',
  'slots.errorNoLongerOffered':
    'Diese Termine werden nicht mehr angeboten. Laden Sie die Seite neu, um den aktuellen Stand zu sehen.',
  'slots.errorNotOffered': 'Dies ist keiner der angebotenen Termine.',
  'slots.fieldNotOffered': 'Bitte wählen Sie einen der angebotenen Termine.',
  'slots.errorPassed': 'Dieser Termin ist bereits vorbei. Bitte wählen Sie einen anderen.',
  'slots.fieldPassed': 'Bitte wählen Sie einen Termin, der noch bevorsteht.',
  'slots.errorChanged':
    'Die Angaben zum Interview haben sich geändert, seit diese Termine angeboten wurden. {name} schickt Ihnen neue Termine; Sie können auch an {email} schreiben.',
  'slots.errorTaken': 'Diesen Termin hat gerade jemand anderes gebucht. Bitte wählen Sie einen anderen.',
  'slots.fieldTaken': 'Dieser Termin wurde gerade vergeben: Bitte wählen Sie einen anderen.',
  'slots.errorAlreadyChosen':
    'Es wurde bereits ein Termin gewählt. Laden Sie die Seite neu, um ihn zu sehen.',

  'offer.subject':
    '{rescheduling, select, yes {Wählen Sie einen neuen Termin für Ihr Interview ({position})} other {Wählen Sie einen Termin für Ihr Pair-Programming-Interview ({position})}}',
  'offer.intro':
    '{rescheduling, select, yes {Hier sind neue Termine für Ihr Interview. Ihr bisheriger Termin bleibt gebucht, bis Sie einen davon wählen.} other {Vielen Dank für Ihr Interesse. Bitte wählen Sie den Termin, der Ihnen für ein Pair-Programming-Interview am besten passt.}}',
  'offer.timesIn': 'Termine (in {zone}):',
  'offer.slot': '{own}; für die Interviewenden {theirs}',
  'offer.pick':
    'Wählen Sie einen Termin auf Ihrer persönlichen Seite; wer zuerst wählt, bekommt den Termin, daher ist die Liste dort immer aktuell. Sobald Sie gewählt haben, erhalten Sie eine Bestätigung mit Kalendereintrag.',
  'offer.link': 'Termin wählen',
  'offer.noneWorks': 'Keiner dieser Termine passt? Schreiben Sie an {name}: {email}',
};
