import { type BiasTerm, type CustomBiasTerm, notFound, unprocessable } from '@pairwise/domain';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorizeBiasTerms } from './policy.ts';
import type { BiasCheckRepository } from './repository.ts';

/** The organisation's own bias terms, which admins keep and every check reads. */
export class BiasTermsService {
  constructor(private readonly repository: BiasCheckRepository) {}

  async terms(actor: Actor): Promise<BiasTerm[]> {
    authorizeBiasTerms(actor, 'view');
    return this.repository.terms();
  }

  async addTerm(actor: Actor, term: CustomBiasTerm): Promise<BiasTerm> {
    authorizeBiasTerms(actor, 'change');
    await this.assertPhraseFree(term.phrase);
    const id = await this.repository.insertTerm(term, actor.id);
    return (await this.repository.term(id))!;
  }

  async updateTerm(actor: Actor, id: string, term: CustomBiasTerm): Promise<BiasTerm> {
    authorizeBiasTerms(actor, 'change');
    if (!(await this.repository.term(id))) throw notFound('Bias term');
    await this.assertPhraseFree(term.phrase, id);
    await this.repository.updateTerm(id, term);
    return (await this.repository.term(id))!;
  }

  async removeTerm(actor: Actor, id: string): Promise<void> {
    authorizeBiasTerms(actor, 'change');
    if (!(await this.repository.term(id))) throw notFound('Bias term');
    await this.repository.deleteTerm(id);
  }

  private async assertPhraseFree(phrase: string, exceptId?: string): Promise<void> {
    const existing = await this.repository.termByPhrase(phrase);
    if (existing && existing.id !== exceptId) {
      throw unprocessable('That phrase is already an organisation term.', { phrase: 'Already listed.' });
    }
  }
}
