import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PollingLoop } from '@reintegra/platform-messaging';
import { ParkedEvents } from './parked-events';

const SWEEP_EVERY_MS = 10_000;

/**
 * Every 10 s: parked events past their lifetime go to the dead-letter topic, and those whose
 * workflow runs now (their drain at the start failed, Temporal being away) are delivered.
 */
@Injectable()
export class ParkedEventsSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: PollingLoop;

  constructor(parking: ParkedEvents) {
    this.loop = new PollingLoop(
      'parked events sweep',
      async () => {
        await parking.sweep();
        return SWEEP_EVERY_MS;
      },
      1_000,
    );
  }

  onApplicationBootstrap(): void {
    this.loop.wake(SWEEP_EVERY_MS);
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }
}
