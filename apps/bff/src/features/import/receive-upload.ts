/**
 * Streams a multipart upload (one or more import files) to disk with busboy: nothing is held in memory, and a
 * wrong upload (not multipart, a file that is not .csv / .csv.gz, too many or too large files) is a 400 that
 * says what was wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { badRequest } from '../../lib/errors';
import type { ImportFile } from './run-import';

export const MAX_UPLOAD_FILES = 50;

/** Keeps the base name's letters, digits, CJK and `._-`; nothing can climb out of the job's folder. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const clean = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '');
  return clean.slice(0, 120) || 'upload.csv';
}

export async function receiveUpload(req: Request, dir: string, maxBytes: number): Promise<ImportFile[]> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data'))
    throw badRequest('send the files as multipart/form-data (field "files")');
  const mib = Math.round(maxBytes / 1048576);
  // Refused before a byte is stored when the request says how large it is (browsers do).
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + 1048576)
    throw badRequest(`the upload is larger than ${mib} MiB`);
  fs.mkdirSync(dir, { recursive: true });
  const files: ImportFile[] = [];
  const writes: Promise<void>[] = [];
  let total = 0;
  let problem: Error | null = null;

  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: MAX_UPLOAD_FILES, fileSize: maxBytes, fields: 10 },
      });
    } catch (err) {
      reject(badRequest(`not a readable multipart upload: ${(err as Error).message}`));
      return;
    }
    parser.on('file', (_field, stream, info) => {
      const name = safeFileName(info.filename ?? '');
      if (!/\.csv(\.gz)?$/i.test(name)) {
        problem ??= badRequest(`${name}: only .csv and .csv.gz files can be imported`);
        stream.resume();
        return;
      }
      const target = path.join(dir, `${String(files.length).padStart(3, '0')}-${name}`);
      const file: ImportFile = { path: target, name, size: 0 };
      files.push(file);
      stream.on('data', (chunk: Buffer) => {
        file.size += chunk.length;
        total += chunk.length;
      });
      stream.on('limit', () => {
        problem ??= badRequest(`${name} is larger than ${mib} MiB`);
      });
      writes.push(
        pipeline(stream, fs.createWriteStream(target)).catch((err: Error) => void (problem ??= err)),
      );
    });
    parser.on('filesLimit', () => (problem ??= badRequest(`at most ${MAX_UPLOAD_FILES} files per upload`)));
    parser.on('error', (err: Error) => reject(badRequest(`the upload could not be read: ${err.message}`)));
    parser.on('close', () => resolve());
    req.pipe(parser);
  });
  await Promise.all(writes);
  if (total > maxBytes) problem ??= badRequest(`the upload is larger than ${mib} MiB`);
  if (problem) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw problem;
  }
  if (files.length === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw badRequest('no files in the upload (send them in the field "files")');
  }
  return files;
}
