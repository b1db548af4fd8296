import {
  messageTemplate,
  messageTemplateList,
  organisationSettingsRequest,
  organisationSettingsResponse,
  saveTemplateRequest,
  templateParams,
  templatePreviewRequest,
  templatePreviewResponse,
  templateScopeQuery,
} from '@pairwise/domain';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.ts';
import type { SettingsService } from './service.ts';

const templateResponse = z.object({ template: messageTemplate });

/** Admin-only: the organisation's settings and the free parts of its candidate messages. */
export function settingsRoutes(settings: SettingsService) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/settings',
      summary: "The day's lengths, default candidate language, organisation name and reply-to (admin)",
      access: 'signed_in',
      response: organisationSettingsResponse,
      handler: async ({ actor }) => ({ settings: await settings.settings(actor) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/settings',
      summary:
        'Change the settings; interviews already planned keep the lengths they were planned with (admin)',
      access: 'signed_in',
      body: organisationSettingsRequest,
      response: organisationSettingsResponse,
      handler: async ({ actor, body, request }) => ({
        settings: await settings.setSettings(actor, body, request.ip),
      }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/settings/templates',
      summary:
        'Every candidate message part in every language as the organisation (or a position) words it (admin)',
      access: 'signed_in',
      query: templateScopeQuery,
      response: messageTemplateList,
      handler: async ({ actor, query }) => ({ templates: await settings.templates(actor, query.positionId) }),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/settings/templates/:locale/:part',
      summary:
        'Save the organisation’s (or a position’s) text for a part; unknown variables are refused (admin)',
      access: 'signed_in',
      params: templateParams,
      body: saveTemplateRequest,
      response: templateResponse,
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
    defineRoute({
      method: 'DELETE',
      url: '/api/settings/templates/:locale/:part',
      summary:
        'Reset a part to what the scope inherits: Pairwise’s wording, or the organisation’s for a position (admin)',
      access: 'signed_in',
      params: templateParams,
      query: templateScopeQuery,
      response: templateResponse,
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
    defineRoute({
      method: 'POST',
      url: '/api/settings/templates/preview',
      summary: 'A text filled with sample values, checked as a save would check it (admin)',
      access: 'signed_in',
      body: templatePreviewRequest,
      response: templatePreviewResponse,
      handler: async ({ actor, body }) => ({
        text: await settings.previewTemplate(actor, body.locale, body.part, body.text),
      }),
    }),
  ];
}
