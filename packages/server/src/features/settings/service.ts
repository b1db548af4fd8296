import {
  type CandidateLocale,
  candidateLocales,
  fillTemplate,
  forbidden,
  type MessageTemplate,
  notFound,
  type OrganisationSettings,
  pairwiseWording,
  resolveTemplate,
  sampleTemplateValues,
  type TemplatePart,
  type TemplateSource,
  templateParts,
  templatePartVariables,
  validateOrganisationSettings,
  validateTemplate,
} from '@pairwise/domain';
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { type Actor, hasRole } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { ORGANISATION_SCOPE, type SettingsRepository } from './repository.ts';

const requireAdmin = (actor: Actor) => {
  if (!hasRole(actor, 'admin')) throw forbidden('Only an admin can change the organisation’s settings.');
};

/** What a candidate message asks for one part: the text in force and whose it is. */
export type TemplateResolver = (part: TemplatePart) => { text: string; source: TemplateSource };

/**
 * The organisation's settings and its voice in candidate messages. Changes are admin-only and
 * audited; every other feature reads the settings through `current()` and the texts through
 * `resolver()`, never the tables.
 */
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly audit: AuditLog,
  ) {}

  async settings(actor: Actor): Promise<OrganisationSettings> {
    requireAdmin(actor);
    return this.repository.settings();
  }

  async setSettings(
    actor: Actor,
    input: Parameters<typeof validateOrganisationSettings>[0],
    ip: string,
  ): Promise<OrganisationSettings> {
    requireAdmin(actor);
    const settings = validateOrganisationSettings(input);
    await this.repository.setSettings(settings);
    await this.audit.record({
      actor,
      action: 'settings.set',
      ip,
      detail: {
        ...settings.durations,
        defaultLocale: settings.defaultLocale,
        organisationName: settings.organisationName,
        replyTo: settings.replyTo,
      },
    });
    return settings;
  }

  /** The settings in force, for planning and for mail; inside a transaction, pass it. */
  current(executor?: Kysely<Database>): Promise<OrganisationSettings> {
    return this.repository.settings(executor);
  }

  /** Every part in every locale as a scope uses it now: its own text, the organisation's, or Pairwise's. */
  async templates(actor: Actor, positionId?: string): Promise<MessageTemplate[]> {
    requireAdmin(actor);
    await this.checkPosition(positionId);
    const [organisation, own] = await Promise.all([
      this.repository.templates(ORGANISATION_SCOPE),
      positionId ? this.repository.templates(positionId) : Promise.resolve([]),
    ]);
    const find = (rows: typeof own, locale: CandidateLocale, part: TemplatePart) =>
      rows.find((row) => row.locale === locale && row.part === part);
    return candidateLocales.flatMap((locale) =>
      templateParts.map((part) => {
        const mine = positionId ? find(own, locale, part) : find(organisation, locale, part);
        const inherited = positionId ? find(organisation, locale, part) : undefined;
        const source: TemplateSource = mine
          ? positionId
            ? 'position'
            : 'organisation'
          : inherited
            ? 'organisation'
            : 'pairwise';
        return {
          locale,
          part,
          text: mine?.text ?? inherited?.text ?? pairwiseWording(part, locale),
          source,
          pairwiseText: pairwiseWording(part, locale),
          variables: [...templatePartVariables[part]],
          updatedAt: mine?.updatedAt ?? null,
        };
      }),
    );
  }

  async saveTemplate(
    actor: Actor,
    locale: CandidateLocale,
    part: TemplatePart,
    text: string,
    positionId: string | undefined,
    ip: string,
  ): Promise<MessageTemplate> {
    requireAdmin(actor);
    await this.checkPosition(positionId);
    validateTemplate(part, text, locale);
    await this.repository.saveTemplate(
      positionId ?? ORGANISATION_SCOPE,
      locale,
      part,
      text,
      actor.id,
      DateTime.utc().toISO(),
    );
    await this.audit.record({
      actor,
      action: 'template.save',
      ip,
      subjectType: positionId ? 'position' : 'organisation',
      ...(positionId ? { subjectId: positionId } : {}),
      detail: { locale, part },
    });
    return this.template(actor, locale, part, positionId);
  }

  /** Back to what the scope inherits: the organisation's text for a position, else Pairwise's. */
  async resetTemplate(
    actor: Actor,
    locale: CandidateLocale,
    part: TemplatePart,
    positionId: string | undefined,
    ip: string,
  ): Promise<MessageTemplate> {
    requireAdmin(actor);
    await this.checkPosition(positionId);
    await this.repository.deleteTemplate(positionId ?? ORGANISATION_SCOPE, locale, part);
    await this.audit.record({
      actor,
      action: 'template.reset',
      ip,
      subjectType: positionId ? 'position' : 'organisation',
      ...(positionId ? { subjectId: positionId } : {}),
      detail: { locale, part },
    });
    return this.template(actor, locale, part, positionId);
  }

  /** The text filled with sample values, after the same checks as a save. */
  async previewTemplate(
    actor: Actor,
    locale: CandidateLocale,
    part: TemplatePart,
    text: string,
  ): Promise<string> {
    requireAdmin(actor);
    validateTemplate(part, text, locale);
    return fillTemplate(text, sampleTemplateValues, locale);
  }

  /** For a message about an interview: each part as the position, the organisation or Pairwise words it. */
  async resolver(
    positionId: string,
    locale: CandidateLocale,
    executor?: Kysely<Database>,
  ): Promise<TemplateResolver> {
    const [organisation, position] = await Promise.all([
      this.repository.overrides(ORGANISATION_SCOPE, executor),
      this.repository.overrides(positionId, executor),
    ]);
    return (part) => resolveTemplate(part, locale, { organisation, position });
  }

  private async template(
    actor: Actor,
    locale: CandidateLocale,
    part: TemplatePart,
    positionId: string | undefined,
  ): Promise<MessageTemplate> {
    const all = await this.templates(actor, positionId);
    return all.find((t) => t.locale === locale && t.part === part)!;
  }

  private async checkPosition(positionId: string | undefined): Promise<void> {
    if (positionId && !(await this.repository.positionExists(positionId))) throw notFound('Position');
  }
}
