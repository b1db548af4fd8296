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
  'bring.laptop': 'Un portátil con git y el editor con el que le guste trabajar.',
  'bring.commands':
    'El repositorio de la entrevista se prepara y se prueba con estos comandos; le rogamos que tenga instalado lo que necesiten:',
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

  'portal.skipToContent': 'Saltar al contenido',
  'portal.title': 'Su entrevista',
  'portal.unavailable': 'Esta página no está disponible',
  'portal.loading': 'Cargando su entrevista…',
  'portal.hello': 'Hola, {name}',
  'portal.lead': 'Esta página siempre muestra los datos actualizados de su entrevista de pair programming.',
  'portal.language': 'Idioma',
  'portal.languageSaved': 'A partir de ahora le escribiremos en este idioma.',
  'portal.heading':
    '{phase, select, upcoming {Su entrevista} in_session {Hoy} after {Gracias por programar con nosotros} decided {Gracias por programar con nosotros} cancelled {Esta entrevista se ha cancelado} other {Sobre su entrevista}}',
  'portal.inSession': 'Su entrevista está en curso. ¡Disfrute del pairing!',
  'portal.cancelled':
    'La entrevista prevista para el {when} se ha cancelado. La entrada del calendario también se ha cancelado; no tiene que hacer nada. Si tiene alguna pregunta, {name} le ayudará con mucho gusto.',
  'portal.closed':
    'Esta entrevista no se celebrará como estaba previsto. Si desea buscar una nueva fecha, escriba a {name}:',
  'portal.confirmed': 'Confirmó el {at}. ¡Gracias, hasta entonces!',
  'portal.rescheduleRequested':
    'Pidió otra hora el {at}. {name} le enviará una nueva hora; la entrada de su calendario se actualizará sola.',
  'portal.noDisadvantage':
    'Pedir otra hora no le supone ninguna desventaja, sea cual sea el motivo e incluso el mismo día. Si no se encuentra bien, simplemente díganoslo.',
  'portal.confirm': 'Confirmar esta hora',
  'portal.askAnother': 'Pedir otra hora',
  'portal.reasonLabel': '¿Hay algo que quiera contarnos? (opcional)',
  'portal.reasonHint': 'No necesita dar ningún motivo. Si hay horas que le vienen mejor, díganoslas.',
  'portal.sendRequest': 'Enviar mi solicitud',
  'portal.neverMind': 'Mejor no',
  'portal.contactHeading': '¿Preguntas?',
  'portal.contactText': '{name} le ayudará con mucho gusto:',
  'portal.hearBackHeading': 'Cuándo tendrá noticias nuestras',
  'portal.decisionSent': 'Le enviamos nuestra respuesta por correo electrónico el {at}.',
  'portal.hearBackBy': 'Desea tener noticias nuestras antes del {date}. Le escribiremos antes de esa fecha.',
  'portal.hearBackLabel': '¿Para cuándo le gustaría tener noticias nuestras?',
  'portal.hearBackHint': 'Elija la fecha que le convenga; organizaremos nuestra decisión en torno a ella.',
  'portal.hearBackSave': 'Guardar la fecha',
  'portal.surveyHeading': 'Tres preguntas breves',
  'portal.surveyThanks': 'Gracias por sus respuestas. Ayudan a las próximas personas candidatas.',
  'portal.surveyAnonymous':
    'Sus respuestas se guardan sin su nombre y sin vínculo con su entrevista. Solo las consultamos junto con las de otras personas para el mismo puesto.',
  'portal.surveyPrepared': '¿En qué medida le preparamos para lo que ha pasado hoy?',
  'portal.surveyScore': '{score, select, 1 {Nada} 2 {Poco} 3 {En parte} 4 {Bien} other {Muy bien}}',
  'portal.surveySurprise': '¿Le sorprendió algo?',
  'portal.surveyComments': '¿Algo más que quiera contarnos?',
  'portal.surveySend': 'Enviar de forma anónima',
  'portal.adjustForm': 'Pedir adaptaciones',
  'portal.hearBackForm': '¿Para cuándo desea tener noticias nuestras?',
  'portal.surveyForm': 'Encuesta',
  'portal.adjustHeading': 'Adaptaciones',
  'portal.adjustLead':
    'Si algo le facilitaría la sesión (un lector de pantalla, una letra más grande, más pausas, otro editor, subtítulos), díganoslo aquí. Solo lo leerán sus entrevistadores.',
  'portal.adjustAnswer': 'Nuestra respuesta:',
  'portal.adjustLabel': '¿Qué le ayudaría?',
  'portal.adjustSend': 'Enviar a mis entrevistadores',
  'portal.repoHeading': 'El repositorio de la entrevista',
  'portal.repoCloneUrl': 'URL para clonar',
  'portal.repoUsername': 'Usuario',
  'portal.repoPassword': 'Contraseña',
  'portal.repoCopyUrl': 'Copiar la URL',
  'portal.repoCopyPassword': 'Copiar la contraseña',
  'portal.repoCopyCommands': 'Copiar los comandos',
  'portal.copied': 'Copiado',
  'portal.copyBlocked': 'Aquí no se puede copiar automáticamente: seleccione el texto y cópielo usted.',
  'portal.privacyHeading': 'Sus datos',
  'portal.privacyKeptLead': 'Lo que guardamos de su entrevista:',
  'portal.privacyKeptContact':
    'Su nombre, su correo electrónico y su zona horaria, y la fecha, la hora y el lugar de la entrevista.',
  'portal.privacyKeptTold':
    'Lo que nos indica aquí: confirmaciones, solicitudes de otra hora, adaptaciones y para cuándo desea tener noticias nuestras.',
  'portal.privacyKeptNotes':
    'Las notas y la valoración de la sesión de sus entrevistadores, y nuestra decisión.',
  'portal.privacyKeptCode': 'El código que sube al repositorio de la entrevista durante la sesión.',
  'portal.privacyKeptSurvey':
    'Las respuestas a la encuesta se guardan sin su nombre y sin vínculo con esta entrevista: solo el puesto y el mes.',
  'portal.privacyHowLong':
    'Guardamos el expediente de su entrevista durante el plazo que ha fijado nuestro equipo de selección y después lo eliminamos; {name} puede indicarle la fecha. Puede pedir una copia o la supresión en cualquier momento. Este enlace deja de funcionar {days, plural, one {# día} other {# días}} después de comunicarle nuestra decisión.',
  'portal.privacyLinkUntil': 'Este enlace funciona hasta el {at}.',
  'portal.privacyRequested':
    '{kind, select, copy {Pidió una copia de sus datos el {at}.} other {Pidió la supresión de sus datos el {at}.}} Le responderemos por correo electrónico.',
  'portal.privacyRequestCopy': 'Pedir una copia de mis datos',
  'portal.privacyRequestErasure': 'Pedir la supresión de mis datos',
  'portal.privacyConfirmLegend': 'Confirmar la solicitud de supresión',
  'portal.privacyConfirmText':
    'Eliminaremos lo que guardamos sobre usted y se lo comunicaremos por correo electrónico. Si la entrevista aún no se ha celebrado, avise también a su persona de contacto para que pueda cancelarla.',
  'portal.privacyConfirmYes': 'Sí, pedir la supresión',
  'portal.privacyNotNow': 'Ahora no',

  'repo.placeholder':
    'Las instrucciones para clonar el repositorio de la entrevista, con sus propias credenciales, aparecerán aquí unos minutos antes del pairing. La preparación tiene su propio tiempo y no se descuenta de su hora de pairing.',
  'repo.opening': 'el {date} a las {time} ({zone})',
  'repo.open':
    'Ejecute estos comandos en un terminal (en Windows, en Git Bash) para obtener el repositorio. La contraseña solo queda en ese terminal (en la variable {variable}), nunca en un archivo; en un terminal nuevo, vuelva a ejecutar la primera línea. Haga commit y push sobre la marcha: su entrevistador ve cada push.',
  'repo.notYet':
    'El repositorio de la entrevista se abrirá {opening}. Entonces aparecerán aquí el comando para clonarlo y sus propias credenciales. La preparación tiene su propio tiempo y no se descuenta de su hora de pairing.',
  'repo.closedByNavigator':
    'Su entrevistador ha cerrado el repositorio de la entrevista por ahora. Las instrucciones volverán a aparecer aquí cuando se reabra.',
  'repo.closed':
    'El repositorio de la entrevista está cerrado. Gracias: todo lo que ha subido se ha guardado. Por favor, elimine su copia de su ordenador.',

  'portal.errorNotAhead':
    'La entrevista ya no está pendiente, así que aquí no hay nada que confirmar ni cambiar.',
  'portal.errorOver':
    'La entrevista ha terminado; para cualquier otra cosa, escriba a su persona de contacto.',
  'portal.errorTooManyRequests': 'Por favor, escriba directamente a {name}: {email}.',
  'portal.errorHearBackNotYet':
    'Le preguntaremos después de la entrevista para cuándo desea tener noticias nuestras.',
  'portal.errorHearBackBefore':
    'Tendrá noticias nuestras después de la entrevista; elija el {date} o una fecha posterior.',
  'portal.errorHearBackPast': 'Elija hoy o una fecha posterior.',
  'portal.errorHearBackKnown': 'Ya hemos anotado para cuándo desea tener noticias nuestras.',
  'portal.errorSurveyNotYet': 'La breve encuesta se abre después de la entrevista.',
  'portal.errorSurveyAnswered': 'Ya ha respondido a la encuesta. ¡Gracias!',
  'portal.errorLanguage': 'Elija uno de los idiomas que se ofrecen.',

  'portal.youChoose': 'Usted elige: vea las horas más abajo',
  'portal.tentative':
    'Su calendario respondió «quizá» el {at}. Confirme aquí cuando lo tenga claro o pida otra hora.',
  'portal.declined':
    'Su calendario rechazó esta hora el {at}. {name} se pondrá en contacto con usted; también puede pedir otra hora aquí.',
  'slots.legend': '{kind, select, invitation {Elija una hora} other {Elija una nueva hora}}',
  'slots.hint':
    '{zonesDiffer, select, yes {Las horas se muestran en su zona horaria, {zone}; debajo de cada una, la hora de los entrevistadores ({interviewZone}). Quien reserva primero una hora se la queda.} other {Las horas se muestran en su zona horaria, {zone}. Quien reserva primero una hora se la queda.}}',
  'slots.forInterviewers': 'Para los entrevistadores: {range}',
  'slots.taken': 'Ya no está disponible',
  'slots.book': 'Reservar la hora elegida',
  'slots.confirmLegend': 'Confirme su hora',
  'slots.confirmQuestion':
    '¿Reservar {time}? Recibirá por correo una confirmación con una entrada de calendario.',
  'slots.confirmYes': 'Sí, reservar esta hora',
  'slots.chooseAnother': 'Elegir otra',
  'slots.errorNotAhead': 'La entrevista ya no está pendiente, así que aquí no hay ninguna hora que elegir.',
  'slots.errorPickFirst': 'Elija primero una de las horas ofrecidas; al elegirla, queda confirmada.',
  'slots.errorNoLongerOffered':
    'Estas horas ya no se ofrecen. Vuelva a cargar la página para ver el plan actual.',
  'slots.errorNotOffered': 'Esta no es una de las horas ofrecidas.',
  'slots.fieldNotOffered': 'Elija una de las horas ofrecidas.',
  'slots.errorPassed': 'Esta hora ya ha pasado. Elija otra, por favor.',
  'slots.fieldPassed': 'Elija una hora que aún no haya pasado.',
  'slots.errorChanged':
    'Los detalles de la entrevista han cambiado desde que se ofrecieron estas horas. {name} le enviará nuevas horas; también puede escribir a {email}.',
  'slots.errorTaken': 'Otra persona acaba de reservar esta hora. Elija otra, por favor.',
  'slots.fieldTaken': 'Esta hora acaba de ser reservada: elija otra.',
  'slots.errorAlreadyChosen': 'Ya se eligió una hora. Vuelva a cargar la página para verla.',

  'offer.subject':
    '{rescheduling, select, yes {Elija una nueva hora para su entrevista ({position})} other {Elija una hora para su entrevista de pair programming ({position})}}',
  'offer.intro':
    '{rescheduling, select, yes {Aquí tiene nuevas horas para su entrevista. Su hora actual sigue reservada hasta que elija una de estas.} other {Gracias por su interés. Elija la hora que mejor le convenga para una entrevista de pair programming.}}',
  'offer.timesIn': 'Horas (en {zone}):',
  'offer.slot': '{own}; para los entrevistadores {theirs}',
  'offer.pick':
    'Elija una hora en su página personal; quien elige primero una hora se la queda, así que la lista allí siempre está al día. Recibirá una confirmación con una entrada de calendario en cuanto haya elegido.',
  'offer.link': 'Elegir mi hora',
  'offer.noneWorks': '¿No le va bien ninguna? Escriba a {name}: {email}',
};
