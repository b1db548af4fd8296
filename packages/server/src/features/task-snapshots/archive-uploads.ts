import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, type ArchiveUpload, notFound } from '@pairwise/domain';
import { z } from 'zod';
import { detectArchiveFormat } from '../../platform/archive/extract-archive.ts';

/**
 * Uploaded task archives, kept on disk between the preview and the export that reads them
 * (the interviewer may exclude files or acknowledge findings in between). One folder under the
 * data folder, so every node of a shared-volume install sees them; a day after upload they go.
 */

const KEEP_MS = 24 * 3600 * 1000;
const uploadIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uploadMeta = z.object({
  taskId: z.string(),
  name: z.string(),
  bytes: z.number(),
  uploadedBy: z.string(),
  at: z.string(),
});
type UploadMeta = z.infer<typeof uploadMeta>;

export class ArchiveUploads {
  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  get limitBytes(): number {
    return this.maxBytes;
  }

  /** Streams the body to disk, refusing it as soon as it passes the size limit. */
  async save(
    input: { taskId: string; uploadedBy: string; name: string; declaredBytes?: number },
    body: Readable,
  ): Promise<ArchiveUpload> {
    if (input.declaredBytes !== undefined && input.declaredBytes > this.maxBytes) throw this.tooLarge();
    await mkdir(this.dir, { recursive: true });
    await this.sweep();
    const id = randomUUID();
    const file = this.archivePath(id);
    let bytes = 0;
    const limit = this.maxBytes;
    const tooLarge = () => this.tooLarge();
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(bytes > limit ? tooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(file, { flags: 'wx' }));
      if (bytes === 0)
        throw new AppError('invalid_request', 'The upload is empty: choose a .zip or .tar.gz file.');
      if (!detectArchiveFormat(await readHead(file))) {
        throw new AppError('unprocessable', 'The upload is not a .zip, .tar.gz or .tar archive.');
      }
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    const meta: UploadMeta = { ...input, bytes, at: new Date().toISOString() };
    await writeFile(this.metaPath(id), JSON.stringify(meta));
    return { id, name: meta.name, bytes };
  }

  /** The stored archive of an upload made for this task. */
  async find(taskId: string, id: string): Promise<{ archivePath: string; name: string }> {
    const meta = uploadIdPattern.test(id)
      ? await readFile(this.metaPath(id), 'utf8')
          // An unreadable or foreign file reads as no upload, like a missing one.
          .then((text) => uploadMeta.parse(JSON.parse(text)))
          .catch(() => undefined)
      : undefined;
    if (!meta || meta.taskId !== taskId) {
      throw notFound('The uploaded archive (uploads are kept for a day; upload it again)');
    }
    return { archivePath: this.archivePath(id), name: meta.name };
  }

  async remove(id: string): Promise<void> {
    if (!uploadIdPattern.test(id)) return;
    await Promise.all([rm(this.archivePath(id), { force: true }), rm(this.metaPath(id), { force: true })]);
  }

  private async sweep(): Promise<void> {
    const cutoff = Date.now() - KEEP_MS;
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const file = path.join(this.dir, name);
      const stats = await stat(file).catch(() => undefined);
      if (stats && stats.mtimeMs < cutoff) await rm(file, { force: true });
    }
  }

  private tooLarge(): AppError {
    const mib = this.maxBytes / (1024 * 1024);
    const limit = mib >= 1 ? `${Math.round(mib)} MiB` : `${Math.round(this.maxBytes / 1024)} KiB`;
    return new AppError(
      'payload_too_large',
      `The archive is larger than ${limit}, the upload limit; leave out dependencies and build output, or ask an admin to raise TASK_UPLOAD_MAX_MIB.`,
    );
  }

  private archivePath(id: string): string {
    return path.join(this.dir, `${id}.archive`);
  }

  private metaPath(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
