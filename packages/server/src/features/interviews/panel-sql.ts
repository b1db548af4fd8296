import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

/**
 * An interview on whose panel one of these people sits, as its navigator or a shadow: the one
 * condition the candidates, interviews and calendar repositories share for "this person's
 * interviews".
 */
export function onPanelOf(eb: ExpressionBuilder<Database, 'interviews'>, people: readonly string[]) {
  return eb.or([
    eb('interviews.navigator_id', 'in', people),
    eb(
      'interviews.id',
      'in',
      eb.selectFrom('interview_shadows').select('interview_id').where('user_id', 'in', people),
    ),
  ]);
}
