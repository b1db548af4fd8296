import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A 256-bit key in `DATA_DIR/secrets/<name>.key`, created on first start. Several nodes share the
 * data folder, so creation is exclusive (`wx`): whoever loses the race reads the winner's key.
 */
export async function loadServerKey(dataDir: string, name: string): Promise<Buffer> {
  const file = path.join(dataDir, 'secrets', `${name}.key`);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (key.length < 32) throw new Error(`${file} does not hold a 256-bit key; delete it to create a new one.`);
  return key;
}
