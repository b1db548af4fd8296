import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  fillTemplate,
  pairwiseWording,
  resolveTemplate,
  sampleTemplateValues,
  templateKey,
  templateParts,
  templatePartVariables,
  validateTemplate,
} from './message-templates.ts';

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected a refusal');
}

describe('message templates', () => {
  it('names an unknown variable, also inside a plural branch', () => {
    const unknown = refusal(() => validateTemplate('welcome', 'Hallo {vorname}!', 'de'));
    expect(unknown.code).toBe('unprocessable');
    expect(unknown.message).toContain('{vorname}');
    expect(unknown.fields?.text).toContain('{vorname}');
    const nested = refusal(() =>
      validateTemplate('welcome', '{candidateName}, {taskTitle, select, other {{secret}}}', 'en'),
    );
    expect(nested.fields?.text).toContain('{secret}');
  });

  it('refuses a variable the part does not know when its message is written', () => {
    expect(
      refusal(() => validateTemplate('decisionOffer', 'Your link: {portalLink}', 'en')).fields?.text,
    ).toContain('{portalLink}');
    expect(() => validateTemplate('welcome', 'Your link: {portalLink}', 'en')).not.toThrow();
  });

  it('refuses broken braces and empty text on the text field', () => {
    expect(refusal(() => validateTemplate('welcome', 'Hello {candidateName', 'en')).fields).toHaveProperty(
      'text',
    );
    expect(refusal(() => validateTemplate('welcome', '   ', 'en')).fields).toHaveProperty('text');
  });

  it('fills variables, keeps a quoted brace literal and leaves tags as text', () => {
    expect(fillTemplate("Hi {candidateName} '{'x'}' <b>", { candidateName: 'Zoë' }, 'en')).toBe(
      'Hi Zoë {x} <b>',
    );
  });

  it('resolves position over organisation over Pairwise, per locale', () => {
    const organisation = new Map([[templateKey('de', 'welcome'), 'Org']]);
    const position = new Map([[templateKey('de', 'welcome'), 'Position']]);
    expect(resolveTemplate('welcome', 'de', { organisation, position })).toEqual({
      text: 'Position',
      source: 'position',
    });
    expect(resolveTemplate('welcome', 'de', { organisation })).toEqual({
      text: 'Org',
      source: 'organisation',
    });
    expect(resolveTemplate('welcome', 'fr', { organisation, position })).toEqual({
      text: pairwiseWording('welcome', 'fr'),
      source: 'pairwise',
    });
  });

  it("keeps Pairwise's own wording valid for every part, filled with the samples", () => {
    for (const part of templateParts) {
      const text = pairwiseWording(part, 'en');
      expect(() => validateTemplate(part, text, 'en')).not.toThrow();
      expect(fillTemplate(text, sampleTemplateValues, 'en')).not.toMatch(/[{}]/);
      for (const name of templatePartVariables[part]) expect(sampleTemplateValues[name]).toBeTruthy();
    }
  });
});
