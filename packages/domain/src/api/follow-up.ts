import { idParams } from './common.ts';
import { contract } from './contract.ts';
import {
  decisionMessagePreview,
  decisionMessageRequest,
  decisionMessageResponse,
  sendDecisionMessageRequest,
} from './outreach.ts';

/** The line manager's message to the candidate, implemented by the server's follow-up feature. */
export const decisionMessagesApi = {
  state: contract({
    method: 'GET',
    path: '/api/interviews/:id/decision-message',
    params: idParams,
    response: decisionMessageResponse,
  }),
  preview: contract({
    method: 'POST',
    path: '/api/interviews/:id/decision-message/preview',
    params: idParams,
    body: decisionMessageRequest,
    response: decisionMessagePreview,
  }),
  send: contract({
    method: 'POST',
    path: '/api/interviews/:id/decision-message',
    params: idParams,
    body: sendDecisionMessageRequest,
    response: decisionMessageResponse,
  }),
};
