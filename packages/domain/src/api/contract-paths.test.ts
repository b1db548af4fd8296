import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Contract } from './contract.ts';
import * as api from './index.ts';

/** Every contract the domain declares, by the name the web calls it by (`tasksApi.update`). */
const contracts = Object.entries(api).flatMap(([area, value]) =>
  area.endsWith('Api') && value && typeof value === 'object'
    ? Object.entries(value as Record<string, Contract>).map(([name, c]) => [`${area}.${name}`, c] as const)
    : [],
);

const pathNames = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]).sort();

describe('the HTTP contracts', () => {
  it('are found', () => {
    expect(contracts.length).toBeGreaterThan(50);
  });

  it.each(contracts)(
    '%s: the path is under /api and its parameters are exactly the params schema',
    (_, c) => {
      expect(c.path).toMatch(/^\/api\//);
      const declared =
        c.params instanceof z.ZodObject ? Object.keys((c.params as z.ZodObject).shape).sort() : [];
      expect(pathNames(c.path)).toEqual(declared);
    },
  );

  it('declare each method and path once', () => {
    const routes = contracts.map(([, c]) => `${c.method} ${c.path}`);
    expect(routes.filter((route, i) => routes.indexOf(route) !== i)).toEqual([]);
  });

  it('send no body with GET or DELETE', () => {
    const withBody = contracts.filter(([, c]) => (c.method === 'GET' || c.method === 'DELETE') && c.body);
    expect(withBody.map(([name]) => name)).toEqual([]);
  });
});
