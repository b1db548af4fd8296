import { settingsApi } from '@pairwise/domain';
import { implement } from '../../platform/http/route.ts';
import type { SettingsService } from './service.ts';

/** Admin-only: the organisation's settings and the free parts of its candidate messages. */
export function settingsRoutes(settings: SettingsService) {
  return [
    implement(settingsApi.get, {
      summary: "The day's lengths, default candidate language, organisation name and reply-to (admin)",
      access: 'signed_in',
      handler: async ({ actor }) => ({ settings: await settings.settings(actor) }),
    }),
    implement(settingsApi.update, {
      summary:
        'Change the settings; interviews already planned keep the lengths they were planned with (admin)',
      access: 'signed_in',
      handler: async ({ actor, body, request }) => ({
        settings: await settings.setSettings(actor, body, request.ip),
      }),
    }),
    implement(settingsApi.templates, {
      summary:
        'Every candidate message part in every language as the organisation (or a position) words it (admin)',
      access: 'signed_in',
      handler: async ({ actor, query }) => ({ templates: await settings.templates(actor, query.positionId) }),
    }),
    implement(settingsApi.saveTemplate, {
      summary:
        'Save the organisation’s (or a position’s) text for a part; unknown variables are refused (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, body, request }) => ({
        template: await settings.saveTemplate(
          actor,
          params.locale,
          params.part,
          body.text,
          body.positionId,
          request.ip,
        ),
      }),
    }),
    implement(settingsApi.resetTemplate, {
      summary:
        'Reset a part to what the scope inherits: Pairwise’s wording, or the organisation’s for a position (admin)',
      access: 'signed_in',
      handler: async ({ actor, params, query, request }) => ({
        template: await settings.resetTemplate(
          actor,
          params.locale,
          params.part,
          query.positionId,
          request.ip,
        ),
      }),
    }),
    implement(settingsApi.previewTemplate, {
      summary: 'A text filled with sample values, checked as a save would check it (admin)',
      access: 'signed_in',
      handler: async ({ actor, body }) => ({
        text: await settings.previewTemplate(actor, body.locale, body.part, body.text),
      }),
    }),
  ];
}
