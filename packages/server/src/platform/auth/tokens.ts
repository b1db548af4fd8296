import { hash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, invitation and setup links. */
export const randomToken = () => randomBytes(32).toString('base64url');

/**
 * Only the SHA-256 of a token is stored, so a copy of the database opens no session. A fast hash
 * is enough here because the tokens are random, unlike passwords.
 */
export const hashToken = (token: string) =>
  // The one-shot hash: no Hash object a request, about a fifth of createHash's CPU for a token this short.
  hash('sha256', token, 'hex');
