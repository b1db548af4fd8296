import { SCIM_GROUP_SCHEMA, SCIM_USER_SCHEMA, ScimError } from './scim-protocol.ts';

/**
 * The discovery endpoints (RFC 7644 §4): what this service provider supports and the attributes
 * it keeps. A provider reads them when the connection is set up; they open no data, so they need
 * no token.
 */

const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

interface ScimAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  subAttributes?: ScimAttribute[];
}

const attribute = (
  name: string,
  options: {
    type?: 'string' | 'boolean' | 'complex' | 'reference';
    multiValued?: boolean;
    required?: boolean;
    uniqueness?: 'none' | 'server';
    mutability?: 'readWrite' | 'readOnly';
    subAttributes?: ScimAttribute[];
  } = {},
): ScimAttribute => ({
  name,
  type: options.type ?? 'string',
  multiValued: options.multiValued ?? false,
  required: options.required ?? false,
  caseExact: false,
  mutability: options.mutability ?? 'readWrite',
  returned: 'default',
  uniqueness: options.uniqueness ?? 'none',
  ...(options.subAttributes ? { subAttributes: options.subAttributes } : {}),
});

const schemas = [
  {
    id: SCIM_USER_SCHEMA,
    name: 'User',
    description: 'A person who uses Pairwise; roles come from their groups.',
    attributes: [
      attribute('userName', { required: true, uniqueness: 'server' }),
      attribute('externalId'),
      attribute('displayName'),
      attribute('name', {
        type: 'complex',
        subAttributes: [attribute('formatted'), attribute('givenName'), attribute('familyName')],
      }),
      attribute('emails', {
        type: 'complex',
        multiValued: true,
        subAttributes: [attribute('value'), attribute('type'), attribute('primary', { type: 'boolean' })],
      }),
      attribute('active', { type: 'boolean' }),
      attribute('groups', {
        type: 'complex',
        multiValued: true,
        mutability: 'readOnly',
        subAttributes: [attribute('value'), attribute('display')],
      }),
    ],
  },
  {
    id: SCIM_GROUP_SCHEMA,
    name: 'Group',
    description: 'A group whose name an admin maps to a Pairwise role.',
    attributes: [
      attribute('displayName', { required: true, uniqueness: 'server' }),
      attribute('externalId'),
      attribute('members', {
        type: 'complex',
        multiValued: true,
        subAttributes: [attribute('value'), attribute('display')],
      }),
    ],
  },
];

const resourceTypes = [
  { id: 'User', name: 'User', endpoint: '/Users', schema: SCIM_USER_SCHEMA },
  { id: 'Group', name: 'Group', endpoint: '/Groups', schema: SCIM_GROUP_SCHEMA },
];

const withMeta = <T extends { id: string }>(item: T, base: string, kind: 'Schema' | 'ResourceType') => ({
  schemas: [kind === 'Schema' ? SCHEMA_SCHEMA : RESOURCE_TYPE_SCHEMA],
  ...item,
  meta: {
    resourceType: kind,
    location: `${base}/${kind === 'Schema' ? 'Schemas' : 'ResourceTypes'}/${item.id}`,
  },
});

const list = (resources: unknown[]) => ({
  schemas: [LIST_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

export const scimDiscovery: Record<string, (base: string, params: Record<string, string>) => unknown> = {
  '/ServiceProviderConfig': (base) => ({
    schemas: [CONFIG_SCHEMA],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api/openapi.json`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'A SCIM token an admin creates in Pairwise under Provisioning.',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  }),
  '/ResourceTypes': (base) => list(resourceTypes.map((type) => withMeta(type, base, 'ResourceType'))),
  '/ResourceTypes/:id': (base, params) => {
    const type = resourceTypes.find((entry) => entry.id === params.id);
    if (!type) throw new ScimError(404, `No resource type ${params.id}.`);
    return withMeta(type, base, 'ResourceType');
  },
  '/Schemas': (base) => list(schemas.map((schema) => withMeta(schema, base, 'Schema'))),
  '/Schemas/:id': (base, params) => {
    const schema = schemas.find((entry) => entry.id === params.id);
    if (!schema) throw new ScimError(404, `No schema ${params.id}.`);
    return withMeta(schema, base, 'Schema');
  },
};
