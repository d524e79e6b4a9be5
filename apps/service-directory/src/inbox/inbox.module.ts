import { Module } from '@nestjs/common';
import { DirectoryCoreModule } from '../core/directory-core.module';
import { InboxFeed } from './inbox-feed.service';
import { InboxConsumer } from './inbox.consumer';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';

/** The provider inbox of outside organisations (answers flow back as referral.status-changed). */
@Module({
  imports: [DirectoryCoreModule],
  controllers: [InboxController, InboxConsumer],
  providers: [InboxService, InboxFeed],
})
export class InboxModule {}
