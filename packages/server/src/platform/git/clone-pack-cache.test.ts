import { describe, expect, it } from 'vitest';
import { ClonePackCache, cacheableFetch } from './clone-pack-cache.ts';
import { FLUSH_PKT, pktLine } from './pkt-line.ts';

const TIP = 'a'.repeat(40);

function fetchRequest(args: string[], capabilities = ['agent=git/2.39.5', 'object-format=sha1']): Buffer {
  return Buffer.concat([
    pktLine('command=fetch\n'),
    ...capabilities.map((line) => pktLine(`${line}\n`)),
    Buffer.from('0001'),
    ...args.map((arg) => pktLine(`${arg}\n`)),
    FLUSH_PKT,
  ]);
}

describe('cacheableFetch', () => {
  it("keys a fresh clone's request by its lines, whatever the client's agent", () => {
    const args = ['thin-pack', 'no-progress', 'ofs-delta', `want ${TIP}`, 'done'];
    const clone = fetchRequest(args);
    expect(cacheableFetch(clone)?.wants).toEqual([TIP]);
    const otherVersion = fetchRequest(args, ['agent=git/2.47.1.windows.1', 'object-format=sha1']);
    expect(cacheableFetch(otherVersion)?.key).toBe(cacheableFetch(clone)?.key);
    const progress = fetchRequest(['thin-pack', 'include-tag', 'ofs-delta', `want ${TIP}`, 'done']);
    expect(cacheableFetch(progress)?.key).not.toBe(cacheableFetch(clone)?.key);
    const otherWant = fetchRequest([
      'thin-pack',
      'no-progress',
      'ofs-delta',
      `want ${'c'.repeat(40)}`,
      'done',
    ]);
    expect(cacheableFetch(otherWant)?.key).not.toBe(cacheableFetch(clone)?.key);
  });

  it('keeps nothing whose answer depends on the repository or the client’s history', () => {
    for (const extra of [
      `have ${'b'.repeat(40)}`,
      `shallow ${'b'.repeat(40)}`,
      'deepen 1',
      'deepen-not refs/heads/main',
      'filter blob:none',
      'want-ref refs/heads/main',
      'sideband-all',
      'something-new',
    ]) {
      expect(cacheableFetch(fetchRequest([`want ${TIP}`, extra, 'done'])), extra).toBeNull();
    }
    // A negotiation round (no done), no wants, another command or capability, a malformed body.
    expect(cacheableFetch(fetchRequest([`want ${TIP}`]))).toBeNull();
    expect(cacheableFetch(fetchRequest(['done']))).toBeNull();
    expect(cacheableFetch(fetchRequest([`want ${TIP}`, 'done'], ['object-format=sha256']))).toBeNull();
    expect(cacheableFetch(fetchRequest([`want ${TIP}`, 'done'], ['session-id=abc']))).toBeNull();
    const lsRefs = Buffer.concat([pktLine('command=ls-refs\n'), Buffer.from('0001'), FLUSH_PKT]);
    expect(cacheableFetch(lsRefs)).toBeNull();
    expect(cacheableFetch(fetchRequest([`want ${TIP}`, 'done']).subarray(0, 30))).toBeNull();
  });
});

describe('ClonePackCache', () => {
  it('drops the least recently used answers beyond its total and never keeps one above its bound', () => {
    const cache = new ClonePackCache(4, 8);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')).toBeDefined();
    cache.set('c', Buffer.alloc(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    cache.set('big', Buffer.alloc(5));
    expect(cache.get('big')).toBeUndefined();
  });
});
