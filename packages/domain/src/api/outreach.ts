import { z } from 'zod';
import { stages } from '../lifecycle.ts';
import {
  id,
  idParams,
  localDateTime,
  nextCursor,
  pageCursor,
  pageLimit,
  shortText,
  timeZone,
} from './common.ts';
import { contract } from './contract.ts';
import { planPreview, rescheduleReason, startsAtOccurrence } from './interviews.ts';

/**
 * Staff-side contract of everything that reaches people outside Pairwise: the invitation and
 * its preview, the decision message, the outbox, calendar feeds and the anonymous survey.
 */

export const messagePreview = z.object({ subject: z.string(), text: z.string(), html: z.string() });
export type MessagePreview = z.infer<typeof messagePreview>;

/** SHA-256 (hex) of a preview: sending requires the digest of what the sender looked at. */
export const previewDigest = z.string().regex(/^[0-9a-f]{64}$/, 'Preview the message first.');

/** Declined and tentative come only from a calendar reply; a counter-proposal reads as a request for another time. */
export const candidateResponseKinds = ['confirmed', 'reschedule_requested', 'declined', 'tentative'] as const;

export type CandidateResponseKind = (typeof candidateResponseKinds)[number];

export const invitationState = z.object({
  stage: z.enum(stages),
  sentAt: z.string().nullable(),
  candidateEmail: z.string(),
  /** Exactly what the candidate receives; the private portal link is filled in on sending. */
  preview: messagePreview,
  previewDigest,
  /** Who receives calendar invites for which blocks; none of them carries candidate details. */
  calendarRecipients: z.array(z.object({ name: z.string(), blocks: z.array(z.string()) })),
  responses: z.array(
    z.object({
      kind: z.enum(candidateResponseKinds),
      reason: z.string().nullable(),
      at: z.string(),
      /** False once the interview was rescheduled after this answer. */
      current: z.boolean(),
      source: z.enum(['portal', 'calendar']),
      proposedStartsAt: z.string().nullable(),
    }),
  ),
  accommodations: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      at: z.string(),
      answer: z.string().nullable(),
      answeredAt: z.string().nullable(),
    }),
  ),
  dataRequests: z.array(z.object({ kind: z.string(), at: z.string(), processed: z.boolean() })),
  /**
   * The day-before reminder exactly as the candidate will get it (the portal link filled in when
   * it goes out) and when: the job sends it on its own, so staff read it here beforehand. Null
   * when there will be none (an invitation less than a day ahead is its own reminder).
   */
  reminder: z.object({ sendsAt: z.string(), preview: messagePreview }).nullable().optional(),
});
export type InvitationState = z.infer<typeof invitationState>;
export const invitationResponse = z.object({ invitation: invitationState });
export const sendInvitationRequest = z.strictObject({
  previewDigest,
  /** Send although the planning checklist is not ready: the reason is recorded with the invitation. */
  notReadyReason: z.string().trim().max(2_000).optional(),
});

/** A room or a video link; the plan form takes the same. */
const place = z.string().trim().min(1, 'Say where the interview takes place.').max(500);
export const placeChangePreviewRequest = z.strictObject({ place });
/**
 * What changing the place sends: the candidate's updated invitation, or nothing (null) while the
 * candidate was not invited yet; the new place then simply appears in the invitation's preview.
 */
export const placeChangePreview = z.object({
  preview: messagePreview.nullable(),
  previewDigest: previewDigest.nullable(),
});
export const changePlaceRequest = z.strictObject({
  place,
  /** Required once the candidate was invited: the digest of the update the navigator read. */
  previewDigest: previewDigest.optional(),
});

/**
 * A new time or a cancellation, previewed: what the candidate will receive (null while nobody was
 * invited, when nothing is sent), and for a new time what the planning guards say about it.
 */
export const rescheduleRequest = z.strictObject({
  startsAtLocal: localDateTime,
  startsAtOccurrence,
  timeZone,
  reason: rescheduleReason,
  confirmOverlap: z.boolean().optional(),
  /** Why the new time is booked over a busy time in someone's connected calendar. */
  conflictReason: z.string().trim().min(1).max(500).optional(),
});
export const sendRescheduleRequest = rescheduleRequest.extend({ previewDigest });
export const reschedulePreview = planPreview.extend({
  preview: messagePreview.nullable(),
  previewDigest,
});
export const cancellationRequest = z.strictObject({ reason: shortText.optional() });
export const sendCancellationRequest = cancellationRequest.extend({ previewDigest });
export const cancellationPreview = z.object({ preview: messagePreview.nullable(), previewDigest });
export type ReschedulePreview = z.infer<typeof reschedulePreview>;
export type CancellationPreview = z.infer<typeof cancellationPreview>;

/** Staff answer an accommodation request in their own words; the candidate gets exactly the preview. */
export const accommodationAnswerParams = z.strictObject({ id: z.uuid(), requestId: z.uuid() });
export const accommodationAnswerRequest = z.strictObject({
  answer: z.string().trim().min(1, 'Write the answer.').max(2_000),
});
export const sendAccommodationAnswerRequest = accommodationAnswerRequest.extend({ previewDigest });
export const accommodationAnswerPreview = z.object({ preview: messagePreview, previewDigest });

export const decisionMessageRequest = z.strictObject({
  message: z.string().trim().min(1, 'Write the message to the candidate.').max(20_000),
});
export const sendDecisionMessageRequest = decisionMessageRequest.extend({ previewDigest });
export const decisionMessagePreview = z.object({ preview: messagePreview, previewDigest });
export const decisionMessageState = z.object({
  sentAt: z.string().nullable(),
  sentByName: z.string().nullable(),
  candidateDeadline: z.string().nullable(),
  /** True for the position's line manager once the decision is recorded and until the message is sent. */
  canSend: z.boolean(),
  /**
   * Where the line manager starts: the offer or no-offer template in the organisation's (or the
   * position's) words, filled in; null when there is none to start from or nothing to send.
   */
  draft: z.string().nullable().optional(),
});
export const decisionMessageResponse = z.object({ decisionMessage: decisionMessageState });

export const outboxStatuses = ['kept', 'queued', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const outboxMessageSummary = z.object({
  id: z.string(),
  kind: z.string(),
  interviewId: z.string().nullable(),
  to: z.array(z.string()),
  subject: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number(),
  lastError: z.string().nullable(),
  calendarMethod: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const outboxMessage = outboxMessageSummary.extend({
  messageId: z.string(),
  text: z.string(),
  calendar: z.string().nullable(),
  raw: z.string(),
  smtpResponse: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;
export type OutboxMessageSummary = z.infer<typeof outboxMessageSummary>;
export const outboxListQuery = z.strictObject({
  status: z.enum(outboxStatuses).optional(),
  /** Only the messages of one interview: what its candidate and panel were sent. */
  interviewId: id.optional(),
  cursor: pageCursor(2).optional(),
  limit: pageLimit,
});
export const outboxList = z.object({
  mode: z.enum(['smtp', 'outbox']),
  /** Where mail goes, without any password. */
  target: z.string(),
  messages: z.array(outboxMessageSummary),
  nextCursor,
});
export type OutboxList = z.infer<typeof outboxList>;

/** The outbox routes (admin), implemented by the server's outbox feature and called by the web. */
export const outboxApi = {
  list: contract({ method: 'GET', path: '/api/outbox', query: outboxListQuery, response: outboxList }),
  get: contract({
    method: 'GET',
    path: '/api/outbox/:id',
    params: idParams,
    response: z.object({ message: outboxMessage }),
  }),
};

export const calendarFeedState = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
/** The feed URL is shown once, when created; only its hash is kept. */
export const calendarFeedCreated = z.object({ url: z.string(), createdAt: z.string() });

export const positionFeedback = z.object({
  positionId: z.string(),
  title: z.string(),
  responses: z.number(),
  /** False below the minimum number of answers, so no single candidate can be recognised. */
  shown: z.boolean(),
  averageScore: z.number().nullable(),
  /** How many answered 1, 2, 3, 4 and 5. */
  scores: z.array(z.number()),
  surprises: z.array(z.string()),
  comments: z.array(z.string()),
});
export type PositionFeedback = z.infer<typeof positionFeedback>;
export const candidateFeedbackResponse = z.object({
  minimumToShow: z.number(),
  positions: z.array(positionFeedback),
});
