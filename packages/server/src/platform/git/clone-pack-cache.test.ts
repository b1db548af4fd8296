import { describe, expect, it } from 'vitest';
import { ClonePackCache, cacheableFetch, packfileAnswer, packOfAnswer } from './clone-pack-cache.ts';
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
  it("keys a fresh clone's request by its wants and delta form, whatever the client's agent or progress", () => {
    const args = ['thin-pack', 'no-progress', 'ofs-delta', `want ${TIP}`, 'done'];
    const clone = fetchRequest(args);
    expect(cacheableFetch(clone)?.wants).toEqual([TIP]);
    const otherVersion = fetchRequest(args, ['agent=git/2.47.1.windows.1', 'object-format=sha1']);
    expect(cacheableFetch(otherVersion)?.key).toBe(cacheableFetch(clone)?.key);
    const progress = fetchRequest(['thin-pack', 'include-tag', 'ofs-delta', `want ${TIP}`, 'done']);
    expect(cacheableFetch(progress)?.key).toBe(cacheableFetch(clone)?.key);
    // Without ofs-delta the pack names delta bases by id: other bytes.
    const refDelta = fetchRequest(['thin-pack', 'no-progress', `want ${TIP}`, 'done']);
    expect(cacheableFetch(refDelta)?.key).not.toBe(cacheableFetch(clone)?.key);
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

describe('a pack in a protocol v2 answer', () => {
  const band = (number: number, data: Buffer) =>
    Buffer.concat([
      Buffer.from((data.length + 5).toString(16).padStart(4, '0')),
      Buffer.from([number]),
      data,
    ]);

  it('is read out of git’s answer without its progress, and framed again in packets git accepts', () => {
    const pack = Buffer.from(Array.from({ length: 70_000 }, (_, index) => index % 251));
    const fromGit = Buffer.concat([
      pktLine('packfile\n'),
      band(2, Buffer.from('Enumerating objects: 3, done.\n')),
      band(1, pack.subarray(0, 1000)),
      band(2, Buffer.from('Counting objects: 100% (3/3), done.\n')),
      band(1, pack.subarray(1000, 60_000)),
      band(1, pack.subarray(60_000)),
      FLUSH_PKT,
    ]);
    expect(packOfAnswer(fromGit)).toEqual(pack);
    const framed = packfileAnswer(pack);
    // Two packets: a side band packet holds at most 65,515 bytes of data.
    expect(framed.subarray(0, 13).toString()).toBe('000dpackfile\n');
    expect(framed.subarray(13, 18).toString('latin1')).toBe('fff0\u0001');
    expect(framed.subarray(-4).toString()).toBe('0000');
    expect(packOfAnswer(framed)).toEqual(pack);
  });

  it('is not read out of any other answer', () => {
    const pack = Buffer.from('PACK....');
    const whole = Buffer.concat([pktLine('packfile\n'), band(1, pack), FLUSH_PKT]);
    expect(packOfAnswer(whole)).toEqual(pack);
    // Acknowledgements first, an error on band 3, a truncated answer, an unknown band, no pack.
    expect(packOfAnswer(Buffer.concat([pktLine('acknowledgments\n'), whole]))).toBeNull();
    expect(
      packOfAnswer(Buffer.concat([pktLine('packfile\n'), band(3, Buffer.from('oops')), FLUSH_PKT])),
    ).toBeNull();
    expect(packOfAnswer(whole.subarray(0, whole.length - 4))).toBeNull();
    expect(packOfAnswer(whole.subarray(0, whole.length - 6))).toBeNull();
    expect(packOfAnswer(Buffer.concat([pktLine('packfile\n'), band(4, pack), FLUSH_PKT]))).toBeNull();
    expect(packOfAnswer(Buffer.concat([pktLine('packfile\n'), FLUSH_PKT]))).toBeNull();
    expect(packOfAnswer(Buffer.concat([whole, band(1, pack)]))).toBeNull();
  });
});

describe('ClonePackCache', () => {
  it('drops the least recently used answers beyond its total and never keeps one above its bound', () => {
    // Each kept answer is its pack and 22 bytes of framing.
    const cache = new ClonePackCache(4, 60);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')).toEqual(packfileAnswer(Buffer.alloc(4)));
    cache.set('c', Buffer.alloc(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    cache.set('big', Buffer.alloc(5));
    expect(cache.get('big')).toBeUndefined();
  });
});
