import { z } from 'zod';
import { MAX_OFFERED_SLOTS } from '../invitation/slot-offer.ts';
import { idParams, localDateTime, timeZone } from './common.ts';
import { contract } from './contract.ts';
import { messagePreview, previewDigest } from './outreach.ts';

/**
 * Candidate self-scheduling: the navigator offers a handful of times or a window, previews the
 * offer and the confirmation a pick sends, and the candidate picks one on the portal.
 */

/** A window read in `timeZone`: one start every `slotMinutes` with the whole interview inside it. */
export const slotWindow = z.strictObject({
  fromLocal: localDateTime,
  toLocal: localDateTime,
  slotMinutes: z
    .number()
    .int()
    .min(15)
    .max(24 * 60),
});

export const slotOfferRequest = z.strictObject({
  /** The zone the times below are read in (the interview's, usually). */
  timeZone,
  /** Concrete starts; give these or a window. */
  slots: z.array(localDateTime).min(1).max(MAX_OFFERED_SLOTS).optional(),
  window: slotWindow.optional(),
  /** Offering times is the invitation when nobody was invited yet: the same not-ready reason applies. */
  notReadyReason: z.string().trim().max(2_000).optional(),
});
export const sendSlotOfferRequest = slotOfferRequest.extend({ previewDigest });

const slotTimes = z.object({ startsAt: z.string(), endsAt: z.string() });

export const slotOfferPreview = z.object({
  kind: z.enum(['invitation', 'reschedule']),
  /** The times the candidate will see, after leaving out the ones below. */
  slots: z.array(slotTimes),
  /** Times left out: in the past, or when the panel is booked already. */
  excluded: z.array(slotTimes.extend({ reason: z.string() })),
  /** The message that offers the times, exactly as it is sent (the portal link filled in then). */
  offer: messagePreview,
  /** The confirmation a pick sends, shown for the first time; every time's confirmation is approved with it. */
  confirmation: messagePreview,
  previewDigest,
});
export type SlotOfferPreview = z.infer<typeof slotOfferPreview>;

export const slotOfferState = z.object({
  offer: z
    .object({
      id: z.string(),
      kind: z.enum(['invitation', 'reschedule']),
      status: z.enum(['open', 'booked', 'withdrawn']),
      createdAt: z.string(),
      pickedAt: z.string().nullable(),
      slots: z.array(slotTimes.extend({ id: z.string(), picked: z.boolean() })),
    })
    .nullable(),
});
export type SlotOfferState = z.infer<typeof slotOfferState>;

/** The picker on the portal: each time in the candidate's zone and in the interview's. */
export const portalSlotOffer = z.object({
  kind: z.enum(['invitation', 'reschedule']),
  interviewTimeZone: z.string(),
  /** True until the candidate picked: the interview's time is not settled yet. */
  awaitingPick: z.boolean(),
  pickedSlotId: z.string().nullable(),
  slots: z.array(
    slotTimes.extend({
      id: z.string(),
      /** e.g. "Tuesday 5 March 2030, 14:00–15:45 (Europe/Berlin, UTC+01:00)" */
      inCandidateZone: z.string(),
      inInterviewZone: z.string(),
      /** False when the time was taken since it was offered. */
      available: z.boolean(),
    }),
  ),
});
export type PortalSlotOffer = z.infer<typeof portalSlotOffer>;
export const slotPickBody = z.strictObject({ slotId: z.uuid('Choose one of the offered times.') });

/** The navigator's side of self-scheduling; the candidate's pick is the portal's route. */
export const selfSchedulingApi = {
  state: contract({
    method: 'GET',
    path: '/api/interviews/:id/slot-offer',
    params: idParams,
    response: slotOfferState,
  }),
  preview: contract({
    method: 'POST',
    path: '/api/interviews/:id/slot-offer/preview',
    params: idParams,
    body: slotOfferRequest,
    response: slotOfferPreview,
  }),
  send: contract({
    method: 'POST',
    path: '/api/interviews/:id/slot-offer',
    params: idParams,
    body: sendSlotOfferRequest,
    response: slotOfferState,
  }),
};
