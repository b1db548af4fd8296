import type { ArchiveUpload, ErrorBody } from '@pairwise/domain';
import { ApiError } from '../../lib/api-client.ts';

/**
 * Sends a task archive as the raw request body. XMLHttpRequest rather than fetch, because only
 * it reports upload progress, which a 30 MiB archive on a slow line needs.
 */
export function uploadArchive(
  taskId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<ArchiveUpload> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/tasks/${taskId}/archive-uploads?name=${encodeURIComponent(file.name)}`);
    const type = /\.zip$/i.test(file.name) ? 'application/zip' : 'application/gzip';
    request.setRequestHeader('content-type', type);
    request.responseType = 'json';
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = request.response as ({ upload: ArchiveUpload } & Partial<ErrorBody>) | null;
      if (request.status === 201 && body?.upload) {
        resolve(body.upload);
        return;
      }
      reject(
        new ApiError(
          request.status,
          body?.code ?? 'http_error',
          body?.message ?? `The server answered ${request.status}.`,
          body?.fields ?? {},
        ),
      );
    };
    request.onerror = () =>
      reject(
        new ApiError(0, 'network', 'Pairwise cannot reach the server. Check the connection and try again.'),
      );
    request.send(file);
  });
}
