import { AppError } from '@pairwise/domain';
import { describe, expect, it } from 'vitest';
import { checkCalendarUrl } from './calendar-destination.ts';

// IP literals only: no name is resolved, so the rule is checked without a network.
const refusal = async (url: string, allowed: string[] = []) => {
  try {
    await checkCalendarUrl(url, allowed);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, fields: Object.keys(error.fields ?? {}) };
  }
};

describe('where a calendar connection may point', () => {
  it('refuses loopback, link-local (cloud metadata) and private addresses, naming the field', async () => {
    for (const url of [
      'http://127.0.0.1:5232/',
      'http://[::1]/dav/',
      'http://169.254.169.254/latest/meta-data/',
      'https://10.0.0.5/caldav/',
      'https://192.168.1.20/',
    ]) {
      expect(await refusal(url), url).toEqual({ code: 'unprocessable', fields: ['serverUrl'] });
    }
  });

  it('lets an operator allow an internal calendar server by address or range', async () => {
    expect(await refusal('https://10.0.0.5/caldav/', ['10.0.0.0/8'])).toBeNull();
    expect(await refusal('http://127.0.0.1:5232/', ['127.0.0.1'])).toBeNull();
    expect(await refusal('https://10.1.0.5/caldav/', ['10.0.0.0/16'])).not.toBeNull();
  });

  it('lets public addresses through, and refuses what is no web address', async () => {
    expect(await refusal('https://93.184.216.34/dav/')).toBeNull();
    expect(await refusal('ftp://93.184.216.34/')).toEqual({ code: 'unprocessable', fields: ['serverUrl'] });
  });
});
