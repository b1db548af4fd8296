export type GitService = 'upload-pack' | 'receive-pack';

export interface GitRequest {
  slug: string;
  service: GitService;
  /** `advertisement` is `GET info/refs?service=...`; `rpc` is the POST that does the work. */
  kind: 'advertisement' | 'rpc';
  /** What http-backend gets as PATH_INFO; built from the slug, never copied from the request. */
  pathInfo: string;
  queryString: string;
}

// The whole raw URL, query included, must be one of the three smart-HTTP requests git makes.
// Matching the undecoded string means `..`, `%2e`, `%2f`, doubled slashes, `objects/`, `config`,
// `hooks/`, `HEAD` and the dumb-protocol files simply never match. `new URL()` is not used: it
// resolves `..` before anyone can see it.
const GIT_URL =
  /^\/git\/([a-z0-9-]{1,64})\.git\/(?:info\/refs\?service=git-(upload-pack|receive-pack)|git-(upload-pack|receive-pack))$/;

export function matchGitRequest(method: string, rawUrl: string): GitRequest | null {
  const match = GIT_URL.exec(rawUrl);
  if (!match?.[1]) return null;
  const slug = match[1];
  const advertised = match[2] as GitService | undefined;
  if (advertised) {
    if (method !== 'GET') return null;
    return {
      slug,
      service: advertised,
      kind: 'advertisement',
      pathInfo: `/${slug}.git/info/refs`,
      queryString: `service=git-${advertised}`,
    };
  }
  const service = match[3] as GitService;
  if (method !== 'POST') return null;
  return { slug, service, kind: 'rpc', pathInfo: `/${slug}.git/git-${service}`, queryString: '' };
}

export interface BasicCredentials {
  username: string;
  password: string;
}

const MAX_CREDENTIAL_LENGTH = 1024;

/** Null when the header is absent or not well-formed Basic credentials; the caller then asks for them. */
export function parseBasicCredentials(header: string | undefined): BasicCredentials | null {
  if (!header || header.length > MAX_CREDENTIAL_LENGTH * 2) return null;
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // Control characters never belong in a credential and must not reach logs or the CGI environment.
  if (hasControlCharacters(decoded) || password.length === 0) return null;
  return { username, password };
}

/** `Git-Protocol` is passed to git as GIT_PROTOCOL; only the shape git itself sends gets through. */
export function sanitizeGitProtocol(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string' || header.length > 256) return null;
  return /^[A-Za-z0-9=:._-]+$/.test(header) ? header : null;
}

function isControlCode(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

export function hasControlCharacters(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    if (isControlCode(value.charCodeAt(index))) return true;
  }
  return false;
}

export function replaceControlCharacters(value: string, replacement: string): string {
  let result = '';
  for (let index = 0; index < value.length; index++) {
    result += isControlCode(value.charCodeAt(index)) ? replacement : value[index];
  }
  return result;
}
