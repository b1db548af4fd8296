import { z } from 'zod';
import { candidateLocales } from '../locales.ts';
import { templateParts } from '../message-templates.ts';
import { id } from './common.ts';
import { contract } from './contract.ts';

// The organisation's settings (admin): the day's lengths, the default candidate locale, the
// organisation's name and reply-to address; and its candidate message templates.

export const dayDurations = z.object({
  setupDefaultMinutes: z.number(),
  breakMinutes: z.number(),
  retroMinutes: z.number(),
  prepMinutes: z.number(),
  refinementBlockMinutes: z.number(),
  refinementTimerMinutes: z.number(),
  debriefMinutes: z.number(),
});

/** Bounds, locale and address are checked by the domain, so each answers 422 on its own field. */
export const organisationSettingsRequest = z.strictObject({
  durations: z.record(z.string(), z.number()),
  defaultLocale: z.string().max(20),
  organisationName: z.string().max(1000).nullable(),
  replyTo: z.string().max(1000).nullable(),
});

export const organisationSettings = z.object({
  durations: dayDurations,
  defaultLocale: z.enum(candidateLocales),
  organisationName: z.string().nullable(),
  replyTo: z.string().nullable(),
});
export const organisationSettingsResponse = z.object({ settings: organisationSettings });

export const templatePart = z.enum(templateParts);
export const templateLocale = z.enum(candidateLocales);

export const templateScopeQuery = z.strictObject({ positionId: id.optional() });
export const templateParams = z.strictObject({ locale: templateLocale, part: templatePart });

export const messageTemplate = z.object({
  locale: templateLocale,
  part: templatePart,
  /** What messages in this scope use now: this scope's text, the organisation's, or Pairwise's. */
  text: z.string(),
  source: z.enum(['position', 'organisation', 'pairwise']),
  /** Pairwise's wording, for "reset" and to compare with. */
  pairwiseText: z.string(),
  variables: z.array(z.string()),
  updatedAt: z.string().nullable(),
});
export type MessageTemplate = z.infer<typeof messageTemplate>;
export const messageTemplateList = z.object({ templates: z.array(messageTemplate) });

export const saveTemplateRequest = z.strictObject({
  text: z.string().max(20_000),
  positionId: id.optional(),
});
export const templatePreviewRequest = z.strictObject({
  locale: templateLocale,
  part: templatePart,
  text: z.string().max(20_000),
});
export const templatePreviewResponse = z.object({ text: z.string() });

export const messageTemplateResponse = z.object({ template: messageTemplate });

/** The settings routes (admin), implemented by the server's settings feature and called by the web. */
export const settingsApi = {
  get: contract({ method: 'GET', path: '/api/settings', response: organisationSettingsResponse }),
  update: contract({
    method: 'PUT',
    path: '/api/settings',
    body: organisationSettingsRequest,
    response: organisationSettingsResponse,
  }),
  templates: contract({
    method: 'GET',
    path: '/api/settings/templates',
    query: templateScopeQuery,
    response: messageTemplateList,
  }),
  saveTemplate: contract({
    method: 'PUT',
    path: '/api/settings/templates/:locale/:part',
    params: templateParams,
    body: saveTemplateRequest,
    response: messageTemplateResponse,
  }),
  resetTemplate: contract({
    method: 'DELETE',
    path: '/api/settings/templates/:locale/:part',
    params: templateParams,
    query: templateScopeQuery,
    response: messageTemplateResponse,
  }),
  previewTemplate: contract({
    method: 'POST',
    path: '/api/settings/templates/preview',
    body: templatePreviewRequest,
    response: templatePreviewResponse,
  }),
};
