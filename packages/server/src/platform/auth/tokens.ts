import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, invitation and setup links. */
export const randomToken = () => randomBytes(32).toString('base64url');

/**
 * Only the SHA-256 of a token is stored, so a copy of the database opens no session. A fast hash
 * is enough here because the tokens are random, unlike passwords.
 */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
