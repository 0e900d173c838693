import { describe, expect, it } from 'vitest';
import { checkRemoteUrl, isPublicAddress, RemoteFileRefused } from '../../shared/adapters/remote-file.js';

const policy = { hosts: ['vanban.sonla.gov.vn', 'files.example.vn:8443'], maxBytes: 1024, allowedTypes: ['application/pdf'] };
const refused = (url: string, p: Parameters<typeof checkRemoteUrl>[1] = policy) => {
  try {
    checkRemoteUrl(url, p);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RemoteFileRefused);
    return (error as Error).message;
  }
};

describe('the e-office file URL guard', () => {
  it('no private, loopback, link-local (cloud metadata), CGNAT or mapped private address is public', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ['14.225.0.1', '203.162.4.191', '2402:800::1', '::ffff:14.225.0.1']) expect(isPublicAddress(a), a).toBe(true);
  });

  it('https on a listed host and port only; no credentials; http and private addresses only by the local setting', () => {
    expect(refused('https://vanban.sonla.gov.vn/f/1.pdf')).toBeUndefined();
    expect(refused('https://VANBAN.sonla.gov.vn:443/f/1.pdf')).toBeUndefined();
    expect(refused('https://files.example.vn:8443/1.pdf')).toBeUndefined();
    expect(refused('https://files.example.vn/1.pdf')).toMatch(/not on the e-office's list/);
    expect(refused('https://vanban.sonla.gov.vn:8443/1.pdf')).toMatch(/not on the e-office's list/);
    expect(refused('https://vanban.sonla.gov.vn.evil.vn/1.pdf')).toMatch(/not on the e-office's list/);
    expect(refused('http://vanban.sonla.gov.vn/1.pdf')).toBe('only https URLs are fetched');
    expect(refused('file:///etc/passwd')).toBe('only https URLs are fetched');
    expect(refused('https://user:pw@vanban.sonla.gov.vn/1.pdf')).toMatch(/credentials/);
    expect(refused('https://10.0.0.5/1.pdf', { ...policy, hosts: ['10.0.0.5'] })).toMatch(/private or loopback/);
    expect(refused('http://10.0.0.5/1.pdf', { ...policy, hosts: ['10.0.0.5'], allowHttp: true, allowPrivateAddresses: true })).toBeUndefined();
  });
});
