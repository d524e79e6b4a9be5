import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ArrivalListsService } from './arrival-lists.service';

/** How often lists left processing (large uploads, a restart mid-list) are looked for. */
const POLL_INTERVAL_MS = 2000;

/**
 * Processes large arrival lists after the upload answered 202, batch by batch, in this process.
 * Several instances share the work safely: a batch locks its list (SKIP LOCKED).
 */
@Injectable()
export class ArrivalListProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ArrivalListProcessor.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly lists: ArrivalListsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), POLL_INTERVAL_MS).unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Starts processing now (after an upload) unless a run is already going. */
  wake(): void {
    if (this.running || this.stopped) return;
    this.running = this.drain()
      .catch((error: unknown) => {
        // Names and DUIs may be in database messages: log the kind of error only.
        this.logger.error(`arrival list processing failed: ${(error as Error).name}`);
      })
      .finally(() => {
        this.running = undefined;
      });
  }

  private async drain(): Promise<void> {
    for (const id of await this.lists.processingListIds()) {
      while (!this.stopped && (await this.lists.processBatch(id, 'skip'))) {
        // next batch of the same list
      }
    }
  }
}
