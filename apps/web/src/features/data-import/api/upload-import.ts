import { importJobSchema, type ImportJob } from '@portrait/shared/imports';
import { errorEnvelopeSchema, successEnvelopeSchema } from '@portrait/shared/envelope';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API_BASE, ApiError } from '../../../lib/api-client';
import { IMPORTS_QUERY_KEY } from './get-import-jobs';

export type UploadInput = {
  files: File[];
  csrfToken: string;
  /** Share of the bytes sent, 0..1. */
  onProgress?: (share: number) => void;
};

/** Reads an XHR answer like apiRequest reads a fetch answer: envelope, error message, contract. */
export function parseUploadAnswer(status: number, text: string): ImportJob {
  let payload: unknown;
  try {
    payload = JSON.parse(text) as unknown;
  } catch {
    payload = undefined;
  }
  const failure = errorEnvelopeSchema.safeParse(payload);
  if (failure.success)
    throw new ApiError('server', failure.data.error.message, status, failure.data.error.code);
  if (status < 200 || status >= 300) throw new ApiError('http', `upload answered HTTP ${status}`, status);
  const parsed = successEnvelopeSchema(importJobSchema).safeParse(payload);
  if (!parsed.success) throw new ApiError('invalid', `upload: ${parsed.error.message}`, status);
  return parsed.data.data;
}

/**
 * POSTs the files as multipart with XMLHttpRequest, because fetch cannot report upload progress. No timeout:
 * a large file on a slow line takes what it takes; the user can leave the page to cancel.
 */
export function uploadImport({ files, csrfToken, onProgress }: UploadInput): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) form.append('files', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/admin/imports`);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        resolve(parseUploadAnswer(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    xhr.onerror = () => reject(new ApiError('network', 'the upload was interrupted'));
    xhr.send(form);
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: IMPORTS_QUERY_KEY }),
  });
}
