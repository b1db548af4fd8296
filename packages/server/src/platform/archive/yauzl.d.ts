// yauzl ships no types and @types/yauzl is not installed; this declares only what extract-archive uses.
declare module 'yauzl' {
  import type { Readable } from 'node:stream';

  export interface ExtraField {
    id: number;
    data: Buffer;
  }

  export interface Entry {
    fileNameRaw: Buffer;
    extraFields: ExtraField[];
    generalPurposeBitFlag: number;
    versionMadeBy: number;
    externalFileAttributes: number;
    uncompressedSize: number;
    compressedSize: number;
    compressionMethod: number;
    isEncrypted(): boolean;
  }

  export interface ZipFile {
    entryCount: number;
    eachEntry(): AsyncIterableIterator<Entry>;
    openReadStreamPromise(entry: Entry): Promise<Readable>;
    close(): void;
  }

  export interface OpenOptions {
    autoClose?: boolean;
    lazyEntries?: boolean;
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
    strictFileNames?: boolean;
  }

  export function openPromise(path: string, options?: OpenOptions): Promise<ZipFile>;
  export function getFileNameLowLevel(
    generalPurposeBitFlag: number,
    fileNameBuffer: Buffer,
    extraFields: ExtraField[],
    strictFileNames: boolean,
  ): string;

  const yauzl: {
    openPromise: typeof openPromise;
    getFileNameLowLevel: typeof getFileNameLowLevel;
  };
  export default yauzl;
}
