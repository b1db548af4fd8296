import type { Catalog } from './en.ts';

/** En français, avec le vouvoiement : chaleureux et clair, comme une équipe qui recrute avec soin. */
export const fr: Catalog = {
  'time.duration':
    '{minutes, select, 60 {une heure} 120 {deux heures} other {{minutes, plural, one {# minute} other {# minutes}}}}',
  'time.dateTimeZone': '{date} à {time} ({zone})',
  'time.zoneOffset': '{zone}, {offset}',

  'agenda.setup': 'Installation : installer et cloner (hors de votre temps de pairing)',
  'agenda.pairing': 'Pairing : exactement {duration}',
  'agenda.break': 'Une courte pause',
  'agenda.retro': 'Une courte rétrospective autour d’un café',
  'agenda.heading': 'Le déroulé',
  'agenda.timesIn': '(heures en {zone}, {offset})',
  'agenda.timesInHtml': 'Heures en {zone} ({offset}).',

  'interview.name':
    'entretien de pair programming{about, select, both { chez {organization} pour le poste {position}} organization { chez {organization}} position { pour le poste {position}} other {}}',
  'place.videoCall': 'Visioconférence : {url}',
  'details.when': 'Quand',
  'details.where': 'Où',
  'details.with': 'Avec',
  'details.task': 'Exercice',
  'details.navigator': '{navigator} (votre interlocuteur)',
  'details.navigatorAndShadows': '{navigator} (votre interlocuteur) et {shadows} (second regard)',
  'details.forYourInterviewer': 'Pour votre interlocuteur : {range}',

  'mail.greeting': 'Bonjour {name},',
  'invitation.subject': 'Invitation : entretien de pair programming le {when}',
  'invitation.opening':
    'Nous avons le plaisir de vous inviter à un {interview}. Vous trouverez ci-dessous tout ce qu’il faut savoir sur la journée, pour qu’il n’y ait aucune surprise.',
  'expect.heading': 'Ce qui vous attend',
  'expect.collaboration':
    'Ce qui compte, c’est la collaboration, pas de terminer. Nous voulons voir comment nous travaillons ensemble ; la plupart des binômes ne terminent pas l’exercice, et c’est tout à fait normal.',
  'expect.setup':
    'L’installation est une étape à part, qui n’est pas prise sur votre temps de pairing. Le pairing dure ensuite exactement {duration} ; une alarme en marque la fin, vous n’avez donc jamais à surveiller l’heure.',
  'expect.notes':
    '{navigator} prendra des notes pendant la session. Ainsi, rien ne repose sur la mémoire après coup, et chaque personne que nous rencontrons est évaluée équitablement, sur le même type de trace écrite. Une prise de notes n’est pas le signe que quelque chose se passe mal.',
  'expect.shadows':
    '{shadows} se joindra aussi à nous comme second regard et prendra ses propres notes, pour que plus d’une personne se forme un avis indépendant.',
  'expect.questions':
    'Les questions sont les bienvenues à tout moment, et chercher sur le web ou lire la documentation est tout à fait permis, comme au quotidien.',
  'expect.after':
    'À la fin du temps de pairing, nous vous demanderons de supprimer le dépôt de l’entretien de votre machine. Après une courte pause, nous faisons une courte rétrospective autour d’un café : ce qui s’est bien passé, ce que vous avez appris, ce que vous changeriez. Nous vous demanderons aussi quand vous souhaitez avoir de nos nouvelles.',
  'bring.heading': 'À installer ou à apporter',
  'bring.access':
    'Peu avant la session, votre portail indique comment cloner le dépôt de l’entretien et les identifiants à utiliser.',
  'bring.laptop': 'Un ordinateur portable avec git et l’éditeur que vous aimez utiliser.',
  'bring.commands':
    'Le dépôt de l’entretien est installé et testé avec ces commandes ; merci d’installer au préalable ce dont elles ont besoin :',
  'contact.heading': 'Questions, aménagements ou autre horaire',
  'contact.portal':
    'Votre portail (toujours à jour ; vous pouvez y confirmer ou demander un autre horaire) :',
  'contact.portalHtml':
    'Votre portail est toujours à jour ; vous pouvez y confirmer ou demander un autre horaire :',
  'contact.noDisadvantage':
    'Demander un autre horaire ne vous désavantage en rien, quelle qu’en soit la raison, et même le jour J. Si vous ne vous sentez pas bien, dites-le-nous simplement et nous trouverons un autre moment.',
  'contact.adjustments':
    'Si quelque chose pouvait rendre la session plus confortable pour vous, vous pouvez demander un aménagement sur votre portail.',
  'contact.yourContact': 'Votre contact : {name}',
  'invitation.closing': 'Au plaisir de coder avec vous.',
  'portal.section.whenAndWhere': 'Quand et où',

  'reschedule.subject':
    '{change, select, timeAndPlace {Nouvel horaire et nouveau lieu} time {Nouvel horaire} place {Nouveau lieu} other {Mise à jour}} : entretien de pair programming le {when}',
  'reschedule.lead':
    '{change, select, timeAndPlace {Votre {interview} a un nouvel horaire et un nouveau lieu.} time {Votre {interview} a un nouvel horaire.} place {Votre {interview} a lieu à un nouvel endroit.} other {Les détails de votre {interview} ont été mis à jour.}}',
  'reschedule.newTime': 'Nouvel horaire',
  'reschedule.previousTime': 'Horaire précédent',
  'reschedule.newPlace': 'Nouveau lieu : {place}',
  'reschedule.calendar':
    'L’entrée de votre agenda se met à jour d’elle-même ; tout ce qui concerne la journée figure ci-dessous, comme avant.',

  'cancel.subject': 'Annulé : entretien de pair programming le {when}',
  'cancel.fact': 'L’{interview} prévu le {when} est annulé.',
  'cancel.calendar': 'L’entrée de votre agenda est annulée elle aussi ; vous n’avez rien à faire.',
  'cancel.contact': 'Pour toute question, {name} se fera un plaisir de vous aider : {email}',
  'mail.kindRegards': 'Bien cordialement,',

  'reminder.subject': 'Rappel : entretien de pair programming le {when}',
  'reminder.lead':
    'Petit rappel : votre {interview} a lieu demain. Tout est comme dans votre invitation ; votre portail affiche toujours les détails à jour.',
  'reminder.haveReady': 'À préparer',
  'reminder.cloneFrom':
    'À partir de {time} ({zone}), soit {duration} avant le début, votre portail indique comment cloner le dépôt de l’entretien et les identifiants à utiliser.',
  'reminder.cloneAtStart':
    'Au début de la session, votre portail indique comment cloner le dépôt de l’entretien et les identifiants à utiliser.',
  'reminder.setupNotPairing':
    'Le clonage et l’installation font partie de l’étape d’installation, qui n’est pas prise sur votre temps de pairing.',
  'reminder.closing': 'À demain !',

  'ics.summary': 'Entretien de pair programming : {position}',
  'ics.collaboration':
    'Ce qui compte, c’est la collaboration, pas de terminer. {navigator} prend des notes pour que rien ne repose sur la mémoire.',
  'ics.questions': 'Les questions et les recherches sur le web sont bienvenues.',
  'ics.where': 'Où : {place}',
  'ics.portal': 'Portail : {url}',
  'ics.contact': 'Contact : {name} <{email}>',

  'accommodation.subject': 'À propos de votre demande pour l’entretien {position}',
  'accommodation.youAsked': 'Vous nous avez demandé :',
  'mail.questions': 'Des questions ? {name} se fera un plaisir de vous aider : {email}',
  'mail.yourPortal': 'Votre portail : {url}',

  'decision.about':
    '{hasPosition, select, yes {votre entretien pour le poste {position}} other {votre entretien de pair programming}}',
  'decision.subject':
    '{hasOrganization, select, yes {{organization} : à propos de {about}} other {À propos de {about}}}',

  'portal.skipToContent': 'Aller au contenu',
  'portal.title': 'Votre entretien',
  'portal.unavailable': 'Cette page n’est pas disponible',
  'portal.loading': 'Chargement de votre entretien…',
  'portal.hello': 'Bonjour {name}',
  'portal.lead':
    'Cette page affiche toujours les informations à jour de votre entretien en pair programming.',
  'portal.language': 'Langue',
  'portal.languageSaved': 'Désormais, nous vous écrirons dans cette langue.',
  'portal.heading':
    '{phase, select, upcoming {Votre entretien} in_session {Aujourd’hui} after {Merci d’avoir codé avec nous} decided {Merci d’avoir codé avec nous} cancelled {Cet entretien est annulé} other {À propos de votre entretien}}',
  'portal.inSession': 'Votre entretien a lieu en ce moment. Bon pairing !',
  'portal.cancelled':
    'L’entretien prévu le {when} est annulé. L’entrée de votre agenda est annulée elle aussi ; vous n’avez rien à faire. Pour toute question, {name} se fera un plaisir de vous aider.',
  'portal.closed':
    'Cet entretien n’aura pas lieu comme prévu. Si vous souhaitez convenir d’un nouvel horaire, écrivez à {name} :',
  'portal.confirmed': 'Vous avez confirmé le {at}. Merci, à bientôt !',
  'portal.rescheduleRequested':
    'Vous avez demandé un autre horaire le {at}. {name} vous proposera un nouvel horaire ; l’entrée de votre agenda se mettra à jour d’elle-même.',
  'portal.noDisadvantage':
    'Demander un autre horaire ne vous pénalise en rien, quelle qu’en soit la raison, et même le jour J. Si vous ne vous sentez pas bien, dites-le-nous simplement.',
  'portal.confirm': 'Confirmer cet horaire',
  'portal.askAnother': 'Demander un autre horaire',
  'portal.reasonLabel': 'Souhaitez-vous nous dire quelque chose ? (facultatif)',
  'portal.reasonHint':
    'Vous n’avez pas à vous justifier. N’hésitez pas à indiquer les horaires qui vous conviennent mieux.',
  'portal.sendRequest': 'Envoyer ma demande',
  'portal.neverMind': 'Finalement non',
  'portal.contactHeading': 'Des questions ?',
  'portal.contactText': '{name} se fera un plaisir de vous aider :',
  'portal.hearBackHeading': 'Quand vous aurez de nos nouvelles',
  'portal.decisionSent': 'Nous vous avons envoyé notre réponse par e-mail le {at}.',
  'portal.hearBackBy': 'Vous souhaitez avoir de nos nouvelles d’ici le {date}. Nous vous écrirons d’ici là.',
  'portal.hearBackLabel': 'D’ici quand souhaitez-vous avoir de nos nouvelles ?',
  'portal.hearBackHint':
    'Choisissez la date qui vous convient ; nous organiserons notre décision en conséquence.',
  'portal.hearBackSave': 'Enregistrer la date',
  'portal.surveyHeading': 'Trois petites questions',
  'portal.surveyThanks': 'Merci pour vos réponses. Elles aideront les prochains candidats.',
  'portal.surveyAnonymous':
    'Vos réponses sont enregistrées sans votre nom et sans lien avec votre entretien. Nous ne les consultons qu’avec celles d’autres personnes pour le même poste.',
  'portal.surveyPrepared': 'Dans quelle mesure vous avions-nous préparé à ce qui s’est passé aujourd’hui ?',
  'portal.surveyScore':
    '{score, select, 1 {Pas du tout} 2 {Un peu} 3 {En partie} 4 {Bien} other {Très bien}}',
  'portal.surveySurprise': 'Quelque chose vous a-t-il surpris ?',
  'portal.surveyComments': 'Autre chose que vous aimeriez nous dire ?',
  'portal.surveySend': 'Envoyer anonymement',
  'portal.adjustForm': 'Demander des aménagements',
  'portal.hearBackForm': 'Quand souhaitez-vous avoir de nos nouvelles ?',
  'portal.surveyForm': 'Questionnaire',
  'portal.adjustHeading': 'Aménagements',
  'portal.adjustLead':
    'Si quelque chose pouvait vous faciliter la session (un lecteur d’écran, une police plus grande, plus de pauses, un autre éditeur, des sous-titres), dites-le-nous ici. Seuls vos interlocuteurs le liront.',
  'portal.adjustAnswer': 'Notre réponse :',
  'portal.adjustLabel': 'Qu’est-ce qui vous aiderait ?',
  'portal.adjustSend': 'Envoyer à mes interlocuteurs',
  'portal.repoHeading': 'Le dépôt de l’entretien',
  'portal.repoCloneUrl': 'URL de clonage',
  'portal.repoUsername': 'Identifiant',
  'portal.repoPassword': 'Mot de passe',
  'portal.repoCopyUrl': 'Copier l’URL',
  'portal.repoCopyPassword': 'Copier le mot de passe',
  'portal.repoCopyCommands': 'Copier les commandes',
  'portal.copied': 'Copié',
  'portal.copyBlocked': 'La copie est bloquée ici : sélectionnez le texte et copiez-le vous-même.',
  'portal.privacyHeading': 'Vos données',
  'portal.privacyKeptLead': 'Ce que nous conservons de votre entretien :',
  'portal.privacyKeptContact':
    'Votre nom, votre adresse e-mail et votre fuseau horaire, ainsi que la date, l’heure et le lieu de l’entretien.',
  'portal.privacyKeptTold':
    'Ce que vous nous indiquez ici : confirmations, demandes d’un autre horaire, aménagements, et la date à laquelle vous souhaitez avoir de nos nouvelles.',
  'portal.privacyKeptNotes':
    'Les notes et l’évaluation de la session par vos interlocuteurs, ainsi que notre décision.',
  'portal.privacyKeptCode': 'Le code que vous poussez dans le dépôt de l’entretien pendant la session.',
  'portal.privacyKeptSurvey':
    'Les réponses au questionnaire sont enregistrées sans votre nom et sans lien avec cet entretien : seuls le poste et le mois sont conservés.',
  'portal.privacyHowLong':
    'Nous conservons le dossier de votre entretien pendant la durée fixée par notre équipe de recrutement, puis nous le supprimons ; {name} peut vous en indiquer la date. Vous pouvez demander une copie ou l’effacement à tout moment. Ce lien cesse de fonctionner {days, plural, one {# jour} other {# jours}} après que nous vous avons communiqué notre décision.',
  'portal.privacyLinkUntil': 'Ce lien fonctionne jusqu’au {at}.',
  'portal.privacyRequested':
    '{kind, select, copy {Vous avez demandé une copie de vos données le {at}.} other {Vous avez demandé l’effacement de vos données le {at}.}} Nous vous répondrons par e-mail.',
  'portal.privacyRequestCopy': 'Demander une copie de mes données',
  'portal.privacyRequestErasure': 'Demander l’effacement de mes données',
  'portal.privacyConfirmLegend': 'Confirmer la demande d’effacement',
  'portal.privacyConfirmText':
    'Nous supprimerons ce que nous conservons à votre sujet et vous en informerons par e-mail. Si l’entretien n’a pas encore eu lieu, prévenez aussi votre contact pour qu’il puisse l’annuler.',
  'portal.privacyConfirmYes': 'Oui, demander l’effacement',
  'portal.privacyNotNow': 'Pas maintenant',

  'repo.placeholder':
    'Les instructions pour cloner le dépôt de l’entretien, avec vos identifiants personnels, apparaîtront ici quelques minutes avant le pairing. L’installation a son propre créneau et n’empiète pas sur votre heure de pairing.',
  'repo.opening': 'le {date} à {time} ({zone})',
  'repo.open':
    'Exécutez ces commandes dans un terminal (sous Windows, dans Git Bash) pour récupérer le dépôt. Le mot de passe reste uniquement dans ce terminal (la variable {variable}), jamais dans un fichier ; dans un nouveau terminal, exécutez à nouveau la première ligne. Faites des commits et des push au fil de l’eau : votre interlocuteur voit chaque push.',
  'repo.notYet':
    'Le dépôt de l’entretien ouvrira {opening}. La commande de clonage et vos identifiants personnels apparaîtront alors ici. L’installation a son propre créneau et n’empiète pas sur votre heure de pairing.',
  'repo.closedByNavigator':
    'Votre interlocuteur a fermé le dépôt de l’entretien pour le moment. Les instructions réapparaîtront ici dès sa réouverture.',
  'repo.closed':
    'Le dépôt de l’entretien est fermé. Merci : tout ce que vous avez poussé a été conservé. Merci de supprimer votre copie de votre ordinateur.',

  'portal.errorNotAhead':
    'L’entretien est déjà passé : il n’y a donc plus rien à confirmer ou à déplacer ici.',
  'portal.errorOver': 'L’entretien est terminé ; pour toute autre demande, écrivez à votre contact.',
  'portal.errorTooManyRequests': 'Merci d’écrire directement à {name} : {email}.',
  'portal.errorHearBackNotYet':
    'Nous vous demanderons après l’entretien quand vous souhaitez avoir de nos nouvelles.',
  'portal.errorHearBackBefore':
    'Vous aurez de nos nouvelles après l’entretien : choisissez le {date} ou une date ultérieure.',
  'portal.errorHearBackPast': 'Choisissez aujourd’hui ou une date ultérieure.',
  'portal.errorHearBackKnown': 'Nous avons déjà noté quand vous souhaitez avoir de nos nouvelles.',
  'portal.errorSurveyNotYet': 'Le petit questionnaire ouvre après l’entretien.',
  'portal.errorSurveyAnswered': 'Vous avez déjà répondu au questionnaire. Merci !',
  'portal.errorLanguage': 'Choisissez l’une des langues proposées.',

  'portal.youChoose': 'À vous de choisir : voir les horaires ci-dessous',
  'portal.tentative':
    'Votre agenda a répondu « peut-être » le {at}. Confirmez ici une fois votre décision prise, ou demandez un autre horaire.',
  'portal.declined':
    'Votre agenda a refusé cet horaire le {at}. {name} vous recontactera ; vous pouvez aussi demander un autre horaire ici.',
  'slots.legend': '{kind, select, invitation {Choisissez un horaire} other {Choisissez un nouvel horaire}}',
  'slots.hint':
    '{zonesDiffer, select, yes {Les horaires sont indiqués dans votre fuseau horaire, {zone} ; en dessous de chacun, l’heure des intervieweurs ({interviewZone}). Le premier à réserver un horaire l’obtient.} other {Les horaires sont indiqués dans votre fuseau horaire, {zone}. Le premier à réserver un horaire l’obtient.}}',
  'slots.forInterviewers': 'Pour les intervieweurs : {range}',
  'slots.taken': 'Plus disponible',
  'slots.book': 'Réserver l’horaire choisi',
  'slots.confirmLegend': 'Confirmez votre horaire',
  'slots.confirmQuestion':
    'Réserver {time} ? Vous recevrez par e-mail une confirmation avec une invitation d’agenda.',
  'slots.confirmYes': 'Oui, réserver cet horaire',
  'slots.chooseAnother': 'En choisir un autre',
  'slots.errorNotAhead': 'L’entretien n’est plus à venir : il n’y a plus d’horaire à choisir ici.',
  'slots.errorPickFirst': 'Choisissez d’abord l’un des horaires proposés ; le choisir vaut confirmation.',
  'slots.errorNoLongerOffered':
    'Ces horaires ne sont plus proposés. Rechargez la page pour voir le planning à jour.',
  'slots.errorNotOffered': 'Cet horaire ne fait pas partie de ceux proposés.',
  'slots.fieldNotOffered': 'Choisissez l’un des horaires proposés.',
  'slots.errorPassed': 'Cet horaire est passé. Veuillez en choisir un autre.',
  'slots.fieldPassed': 'Choisissez un horaire encore à venir.',
  'slots.errorChanged':
    'Les détails de l’entretien ont changé depuis que ces horaires ont été proposés. {name} vous enverra de nouveaux horaires ; vous pouvez aussi écrire à {email}.',
  'slots.errorTaken': 'Quelqu’un vient de réserver cet horaire. Veuillez en choisir un autre.',
  'slots.fieldTaken': 'Cet horaire vient d’être pris : choisissez-en un autre.',
  'slots.errorAlreadyChosen': 'Un horaire a déjà été choisi. Rechargez la page pour le voir.',

  'offer.subject':
    '{rescheduling, select, yes {Choisissez un nouvel horaire pour votre entretien ({position})} other {Choisissez un horaire pour votre entretien de pair programming ({position})}}',
  'offer.intro':
    '{rescheduling, select, yes {Voici de nouveaux horaires pour votre entretien. Votre horaire actuel reste réservé jusqu’à ce que vous en choisissiez un.} other {Merci de votre intérêt. Choisissez l’horaire qui vous convient le mieux pour un entretien de pair programming.}}',
  'offer.timesIn': 'Horaires (indiqués en {zone}) :',
  'offer.slot': '{own} ; pour les intervieweurs {theirs}',
  'offer.pick':
    'Choisissez un horaire sur votre page personnelle ; le premier à choisir un horaire l’obtient, la liste y est donc toujours à jour. Vous recevrez une confirmation avec une invitation d’agenda dès votre choix fait.',
  'offer.link': 'Choisir mon horaire',
  'offer.noneWorks': 'Aucun de ces horaires ne vous convient ? Écrivez à {name} : {email}',
};
