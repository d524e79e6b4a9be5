import { closeRunScratch } from './scratch';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__reintegraTestStack?.stop();
  closeRunScratch();
}
