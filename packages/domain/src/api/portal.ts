import { z } from 'zod';
import { isoDate } from './common.ts';
import { contract, type HttpMethod } from './contract.ts';
import { candidateFeedbackResponse, candidateResponseKinds } from './outreach.ts';
import { portalSlotOffer, slotPickBody } from './self-scheduling.ts';

/**
 * The candidate portal: what a candidate's private link shows and accepts. Deliberately built
 * from candidate-facing facts only: no notes, ratings, decisions or other candidates' data.
 */

/** Any string: a malformed link gets the same friendly "not active" answer as an unknown one. */
export const portalParams = z.strictObject({ token: z.string().max(200) });

/** Where the candidate is in the process, in their terms rather than the panel's stages. */
export const portalPhases = ['upcoming', 'in_session', 'after', 'decided', 'cancelled', 'closed'] as const;
export type PortalPhase = (typeof portalPhases)[number];

export const portalSection = z.object({ heading: z.string(), text: z.string() });

/** Clone instructions, or a note on when they will appear. */
export const portalCloneBlock = z.object({
  state: z.enum(['not_yet', 'open', 'closed']),
  message: z.string(),
  cloneUrl: z.string().nullable(),
  username: z.string().nullable(),
  password: z.string().nullable(),
  commands: z.array(z.string()),
});
export type PortalCloneBlock = z.infer<typeof portalCloneBlock>;

export const portalView = z.object({
  phase: z.enum(portalPhases),
  /** The language the portal and every message to the candidate are in (their choice persists). */
  locale: z.string(),
  /** The languages the candidate may switch to. */
  locales: z.array(z.string()),
  candidateName: z.string(),
  positionTitle: z.string(),
  /** e.g. "Sunday 28 March 2027, 04:00–05:45 (America/New_York, UTC-04:00)" */
  when: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  place: z.string(),
  /** Set when the place is a video link. */
  placeUrl: z.string().nullable(),
  /** The invitation's own sections (details, agenda, expectations, what to bring), always current. */
  sections: z.array(portalSection),
  contact: z.object({ name: z.string(), email: z.string() }),
  response: z
    .object({
      kind: z.enum(candidateResponseKinds),
      at: z.string(),
      reason: z.string().nullable(),
      /** Where the answer came from: this page, or a reply from the candidate's calendar. */
      source: z.enum(['portal', 'calendar']),
      /** The time a calendar's counter-proposal suggests. */
      proposedStartsAt: z.string().nullable(),
    })
    .nullable(),
  /** Times to choose from, when the navigator offered some. */
  slotOffer: portalSlotOffer.nullable(),
  accommodations: z.array(
    z.object({
      text: z.string(),
      at: z.string(),
      /** The staff's answer, once given. */
      answer: z.string().nullable(),
      answeredAt: z.string().nullable(),
    }),
  ),
  repository: portalCloneBlock.nullable(),
  hearBack: z.object({ asked: z.boolean(), deadline: isoDate.nullable() }),
  survey: z.object({ open: z.boolean(), answered: z.boolean() }),
  decisionMessageSentAt: z.string().nullable(),
  privacy: z.object({
    kept: z.array(z.string()),
    howLong: z.string(),
    linkExpiresAt: z.string(),
    requests: z.array(z.object({ kind: z.enum(['copy', 'erasure']), at: z.string() })),
  }),
});
export type PortalView = z.infer<typeof portalView>;
export const portalResponse = z.object({ portal: portalView });

export const rescheduleRequestBody = z.strictObject({
  /** Optional by design: nobody has to explain why another time suits them better. */
  reason: z.string().trim().max(2_000).optional(),
});
export const accommodationRequestBody = z.strictObject({
  text: z.string().trim().min(1, 'Tell us what would help.').max(2_000),
});
export const hearBackBody = z.strictObject({ deadline: isoDate });
export const surveyBody = z.strictObject({
  preparedScore: z.number().int().min(1).max(5),
  surprise: z.string().trim().max(2_000).default(''),
  comments: z.string().trim().max(5_000).default(''),
});
export type SurveyBody = z.input<typeof surveyBody>;
export const dataRequestBody = z.strictObject({ kind: z.enum(['copy', 'erasure']) });
/** The candidate's own choice of language; kept on the candidate for the portal and every later message. */
export const portalLocaleBody = z.strictObject({ locale: z.string().max(10) });

/** Every portal route reads the token from its path and answers with the portal as it is now. */
const portalRoute = <const M extends HttpMethod, const P extends string>(method: M, path: P) =>
  ({ method, path, params: portalParams, response: portalResponse }) as const;

/** The candidate portal, keyed by the private link's token; implemented by the server's portal feature. */
export const portalApi = {
  view: contract(portalRoute('GET', '/api/portal/:token')),
  confirm: contract(portalRoute('POST', '/api/portal/:token/confirmation')),
  requestReschedule: contract({
    ...portalRoute('POST', '/api/portal/:token/reschedule-request'),
    body: rescheduleRequestBody,
  }),
  pickSlot: contract({ ...portalRoute('POST', '/api/portal/:token/slot-pick'), body: slotPickBody }),
  requestAccommodation: contract({
    ...portalRoute('POST', '/api/portal/:token/accommodations'),
    body: accommodationRequestBody,
  }),
  recordHearBack: contract({ ...portalRoute('PUT', '/api/portal/:token/hear-back'), body: hearBackBody }),
  answerSurvey: contract({ ...portalRoute('POST', '/api/portal/:token/survey'), body: surveyBody }),
  requestData: contract({
    ...portalRoute('POST', '/api/portal/:token/data-requests'),
    body: dataRequestBody,
  }),
  chooseLocale: contract({ ...portalRoute('PUT', '/api/portal/:token/locale'), body: portalLocaleBody }),
};

/** The candidates' anonymous survey in aggregate, implemented by the server's candidate-feedback feature. */
export const candidateFeedbackApi = {
  byPosition: contract({
    method: 'GET',
    path: '/api/candidate-feedback',
    response: candidateFeedbackResponse,
  }),
};
