import { idParams, ok } from './common.ts';
import { contract } from './contract.ts';
import { apiTokenList, createApiTokenRequest, createdApiToken } from './task-preparation.ts';

/** Personal API tokens, implemented by the server's api-tokens feature. */
export const apiTokensApi = {
  list: contract({ method: 'GET', path: '/api/api-tokens', response: apiTokenList }),
  create: contract({
    method: 'POST',
    path: '/api/api-tokens',
    status: 201,
    body: createApiTokenRequest,
    response: createdApiToken,
  }),
  revoke: contract({ method: 'DELETE', path: '/api/api-tokens/:id', params: idParams, response: ok }),
};
