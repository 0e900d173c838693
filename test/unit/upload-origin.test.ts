/**
 * The pages' Content-Security-Policy names the bucket's origin (connect-src) for the browser's
 * presigned PUT (issue #22): the origin derived from the settings must be the one the SDK signs
 * URLs for, in AWS (virtual-hosted, regional) and locally (the S3-compatible server).
 */
import { describe, expect, it } from 'vitest';
import { S3FileStorage, uploadOrigin } from '../../shared/adapters/file-storage.js';

const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example-secret' };
const spec = { key: 'pending/org/01KTEST', contentType: 'application/pdf', size: 10, sha256Base64: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=', fileName: 'a.pdf' };

describe('uploadOrigin', () => {
  it('is the origin of the URL the SDK presigns in AWS', async () => {
    const settings = { bucket: 'quy-che-files-son-la-123456789012-ap-southeast-1', region: 'ap-southeast-1', credentials };
    const signed = await new S3FileStorage(settings).presignUpload(spec);
    expect(uploadOrigin({ bucket: settings.bucket }, 'ap-southeast-1')).toBe(new URL(signed.url).origin);
    expect(new URL(signed.url).origin).toBe('https://quy-che-files-son-la-123456789012-ap-southeast-1.s3.ap-southeast-1.amazonaws.com');
  });

  it('is the local server’s origin when there is an endpoint', async () => {
    const settings = { bucket: 'quy-che-tracker-files', endpoint: 'http://127.0.0.1:45123', credentials };
    const signed = await new S3FileStorage(settings).presignUpload(spec);
    expect(uploadOrigin(settings)).toBe(new URL(signed.url).origin);
  });

  it('takes FILES_UPLOAD_ORIGIN as given when it is a bare origin, and refuses anything else', () => {
    expect(uploadOrigin({ bucket: 'b' }, 'ap-southeast-1', 'https://files.example.gov.vn')).toBe('https://files.example.gov.vn');
    for (const bad of ['https://files.example.gov.vn/', 'https://files.example.gov.vn/path', 'files.example.gov.vn', "'unsafe-inline'", 'ftp://x.example']) {
      expect(() => uploadOrigin({ bucket: 'b' }, 'ap-southeast-1', bad), bad).toThrow(/FILES_UPLOAD_ORIGIN/);
    }
    expect(uploadOrigin({ bucket: 'b' })).toBeUndefined();
  });
});
