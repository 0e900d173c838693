/**
 * Evidence files (issue #22): what may be uploaded, and the record a file keeps. Pure: the bytes
 * go straight to object storage by a presigned URL, so all the app ever holds is this description.
 */
import { UnprocessableError, type FieldIssue } from './errors.js';

/**
 * The allow-list: PDF, Office documents (Word, Excel, PowerPoint, old and new, and their
 * OpenDocument twins), images, plain text and ZIP (a set of scans). The type is fixed in the
 * upload's signature, so storage refuses a body sent with any other type.
 */
export const ALLOWED_FILE_TYPES: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.ms-powerpoint': ['ppt'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/tiff': ['tif', 'tiff'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'text/plain': ['txt'],
  'application/zip': ['zip'],
};

/** Default largest file when the rulebook names none: 25 MB (25 × 1024 × 1024 bytes). */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/** How many files one record change may attach. */
export const MAX_FILES_PER_CHANGE = 20;

/** A file kept with a record: shown in the record and in its history, never changed afterwards. */
export interface FileRef {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes, as storage verified them on upload. */
  readonly sha256: string;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

export interface UploadRequest {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
}

/** Lower-case hex SHA-256 → the base64 form S3's `x-amz-checksum-sha256` carries. */
export function sha256HexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

/** The file name a person sees and downloads: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
}

/** Checks an upload request against the allow-list and the size limit; every bad field is named. */
export function checkUploadRequest(input: UploadRequest, maxBytes: number): UploadRequest {
  const issues: FieldIssue[] = [];
  const name = cleanFileName(input.name);
  if (!name) issues.push({ path: 'body.name', message: 'a file name is required' });
  const extensions = ALLOWED_FILE_TYPES[input.type];
  if (!extensions) {
    issues.push({ path: 'body.type', message: 'this type of file is not accepted: PDF, Office documents, images, plain text or ZIP' });
  } else if (name) {
    const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
    if (!extensions.includes(extension)) issues.push({ path: 'body.name', message: `the name must end in .${extensions.join(' or .')} for ${input.type}` });
  }
  if (!Number.isInteger(input.size) || input.size < 1) issues.push({ path: 'body.size', message: 'the size is a whole number of bytes, at least 1' });
  else if (input.size > maxBytes) issues.push({ path: 'body.size', message: `a file may be at most ${formatBytes(maxBytes)}` });
  if (!/^[0-9a-f]{64}$/.test(input.sha256)) issues.push({ path: 'body.sha256', message: 'the SHA-256 is 64 lower-case hexadecimal characters' });
  if (issues.length) throw new UnprocessableError('The file cannot be uploaded.', issues);
  return { ...input, name };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
