import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { boundWorkflowThreadHeap, workflowHeapMb } from './reintegration-worker.service';

const heapLimitOfNewThread = () =>
  new Promise<number>((resolve, reject) => {
    const thread = new Worker(
      `require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)`,
      { eval: true },
    );
    thread.once('message', (limit: number) => {
      resolve(limit);
      void thread.terminate();
    });
    thread.once('error', reject);
  });

describe('the workflow thread heap', () => {
  it('is 128 MiB plus 2 per cached path unless set', () => {
    expect(workflowHeapMb({ WORKFLOW_CACHE_SIZE: 100, WORKFLOW_HEAP_MB: undefined })).toBe(328);
    expect(workflowHeapMb({ WORKFLOW_CACHE_SIZE: 100, WORKFLOW_HEAP_MB: 1024 })).toBe(1024);
  });

  it('bounds the threads started after it, not the process it runs in', async () => {
    const mainBefore = getHeapStatistics().heap_size_limit;
    boundWorkflowThreadHeap(200);
    const limit = await heapLimitOfNewThread();
    // The old generation plus V8's young generation: well under the machine-sized default.
    expect(limit / 2 ** 20).toBeGreaterThanOrEqual(200);
    expect(limit / 2 ** 20).toBeLessThan(320);
    expect(getHeapStatistics().heap_size_limit).toBe(mainBefore);
  });
});
