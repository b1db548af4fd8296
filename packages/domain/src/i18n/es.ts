import type { Catalog } from './en.ts';

/** En español, tratando de usted: cercano y claro, como escribe un equipo que cuida a sus candidatos. */
export const es: Catalog = {
  'time.duration':
    '{minutes, select, 60 {una hora} 120 {dos horas} other {{minutes, plural, one {# minuto} other {# minutos}}}}',
  'time.dateTimeZone': '{date}, a las {time} ({zone})',
  'time.zoneOffset': '{zone}, {offset}',

  'agenda.setup': 'Preparación: instalar y clonar (no se descuenta de su tiempo de pairing)',
  'agenda.pairing': 'Pairing: exactamente {duration}',
  'agenda.break': 'Una pausa breve',
  'agenda.retro': 'Una breve retrospectiva con un café',
  'agenda.heading': 'El programa',
  'agenda.timesIn': '(horas en {zone}, {offset})',
  'agenda.timesInHtml': 'Horas en {zone} ({offset}).',

  'interview.name':
    'entrevista de programación en pareja{about, select, both { con {organization} para el puesto de {position}} organization { con {organization}} position { para el puesto de {position}} other {}}',
  'place.videoCall': 'Videollamada: {url}',
  'details.when': 'Cuándo',
  'details.where': 'Dónde',
  'details.with': 'Con',
  'details.task': 'Ejercicio',
  'details.navigator': '{navigator} (su entrevistador)',
  'details.navigatorAndShadows':
    '{navigator} (su entrevistador) y {shadows} (segunda persona entrevistadora)',
  'details.forYourInterviewer': 'Para su entrevistador: {range}',

  'mail.greeting': 'Hola, {name}:',
  'invitation.subject': 'Invitación: entrevista de programación en pareja el {when}',
  'invitation.opening':
    'Nos alegra invitarle a una {interview}. A continuación encontrará todo sobre el día, para que nada le pille por sorpresa.',
  'expect.heading': 'Qué le espera',
  'expect.collaboration':
    'Lo importante es colaborar, no terminar. Queremos ver cómo trabajamos juntos; la mayoría de las parejas no terminan el ejercicio, y no pasa absolutamente nada.',
  'expect.setup':
    'La preparación es un paso aparte y no se descuenta de su tiempo de pairing. Después, el pairing dura exactamente {duration}; una alarma marca el final, así que nunca tendrá que estar pendiente del reloj.',
  'expect.notes':
    '{navigator} tomará notas durante la sesión. Lo hacemos para que después no haya que recordar nada de memoria y para que todas las personas que entrevistamos sean evaluadas con justicia, sobre el mismo tipo de registro escrito. Que se tomen notas no significa que algo haya ido mal.',
  'expect.shadows':
    '{shadows} también participará como segunda persona entrevistadora y tomará sus propias notas, para que más de una persona se forme una opinión independiente.',
  'expect.questions':
    'Puede hacer preguntas en cualquier momento, y buscar en internet o consultar documentación está permitido, como en el trabajo de todos los días.',
  'expect.after':
    'Al terminar el tiempo de pairing, le pediremos que borre el repositorio de la entrevista de su ordenador. Tras una breve pausa hacemos una breve retrospectiva con un café: qué ha ido bien, qué ha aprendido, qué cambiaría. También le preguntaremos para cuándo le gustaría tener noticias nuestras.',
  'bring.heading': 'Qué instalar o traer',
  'bring.access':
    'Poco antes de la sesión, su portal le mostrará cómo clonar el repositorio de la entrevista y las credenciales que debe usar.',
  'contact.heading': 'Preguntas, adaptaciones u otra hora',
  'contact.portal': 'Su portal (siempre muestra los datos actuales; allí puede confirmar o pedir otra hora):',
  'contact.portalHtml':
    'Su portal siempre muestra los datos actuales; allí puede confirmar o pedir otra hora:',
  'contact.noDisadvantage':
    'Pedir otra hora no le supone ninguna desventaja, sea cual sea el motivo e incluso el mismo día. Si no se encuentra bien, díganoslo y buscaremos otro momento sin problema.',
  'contact.adjustments':
    'Si algo pudiera hacerle la sesión más cómoda, puede pedir adaptaciones en su portal.',
  'contact.yourContact': 'Su persona de contacto: {name}',
  'invitation.closing': 'Tenemos muchas ganas de programar con usted.',
  'portal.section.whenAndWhere': 'Cuándo y dónde',

  'reschedule.subject':
    '{change, select, timeAndPlace {Nueva hora y lugar} time {Nueva hora} place {Nuevo lugar} other {Actualización}}: entrevista de programación en pareja el {when}',
  'reschedule.lead':
    '{change, select, timeAndPlace {Su {interview} tiene una nueva hora y un nuevo lugar.} time {Su {interview} tiene una nueva hora.} place {Su {interview} será en un nuevo lugar.} other {Hemos actualizado los datos de su {interview}.}}',
  'reschedule.newTime': 'Nueva hora',
  'reschedule.previousTime': 'Hora anterior',
  'reschedule.newPlace': 'Nuevo lugar: {place}',
  'reschedule.calendar':
    'La entrada de su calendario se actualiza sola; todo lo relativo al día sigue más abajo, como antes.',

  'cancel.subject': 'Cancelada: entrevista de programación en pareja el {when}',
  'cancel.fact': 'La {interview} prevista para el {when} queda cancelada.',
  'cancel.calendar': 'La entrada de su calendario también se cancela; no tiene que hacer nada.',
  'cancel.contact': 'Si tiene cualquier pregunta, {name} le ayudará con mucho gusto: {email}',
  'mail.kindRegards': 'Un cordial saludo,',

  'reminder.subject': 'Recordatorio: entrevista de programación en pareja el {when}',
  'reminder.lead':
    'Le recordamos que su {interview} es mañana. Todo sigue como en su invitación; su portal siempre muestra los datos actuales.',
  'reminder.haveReady': 'Qué tener preparado',
  'reminder.cloneFrom':
    'A partir de las {time} ({zone}), {duration} antes del comienzo, su portal le mostrará cómo clonar el repositorio de la entrevista y las credenciales que debe usar.',
  'reminder.cloneAtStart':
    'Al comienzo, su portal le mostrará cómo clonar el repositorio de la entrevista y las credenciales que debe usar.',
  'reminder.setupNotPairing':
    'Clonar e instalar forman parte de la preparación, que no se descuenta de su tiempo de pairing.',
  'reminder.closing': '¡Hasta mañana!',

  'ics.summary': 'Entrevista de programación en pareja: {position}',
  'ics.collaboration':
    'Lo importante es colaborar, no terminar. {navigator} toma notas para que nada dependa de la memoria.',
  'ics.questions': 'Las preguntas y las búsquedas en internet son bienvenidas.',
  'ics.where': 'Dónde: {place}',
  'ics.portal': 'Portal: {url}',
  'ics.contact': 'Contacto: {name} <{email}>',

  'accommodation.subject': 'Sobre su solicitud para la entrevista de {position}',
  'accommodation.youAsked': 'Nos pidió:',
  'mail.questions': '¿Preguntas? {name} le ayudará con mucho gusto: {email}',
  'mail.yourPortal': 'Su portal: {url}',

  'decision.about':
    '{hasPosition, select, yes {su entrevista para el puesto de {position}} other {su entrevista de programación en pareja}}',
  'decision.subject': '{hasOrganization, select, yes {{organization}: sobre {about}} other {Sobre {about}}}',
};
