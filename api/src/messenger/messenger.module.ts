import { Module } from '@nestjs/common';
import { AttributionRecompute } from './attribution-recompute.service.js';
import { ContactBuilder } from './contact-builder.js';
import { ConversationBackfill } from './conversation-backfill.service.js';
import { ConversionMatcher } from './conversion-matcher.js';
import { EventIngest } from './event-ingest.js';
import { ConversionsController } from './conversions.controller.js';
import { ConversionsService } from './conversions.service.js';
import { SendOutcomesController } from './send-outcomes.controller.js';
import { SendOutcomesService } from './send-outcomes.service.js';
import { MessengerPagesBootstrap } from './messenger-pages.bootstrap.js';
import { MessengerRepository } from './messenger.repository.js';
import { QuarantineController } from './quarantine.controller.js';
import { QuarantineService } from './quarantine.service.js';
import { WebhookLogWriter } from './webhook-log.writer.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { WebhookController } from './webhook.controller.js';
import { WebhookProcessor } from './webhook.processor.js';
import { WebhookService } from './webhook.service.js';
import { MetaModule } from '../meta/meta.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';

@Module({
  imports: [WorkspacesModule, MetaModule],
  controllers: [WebhookController, ConversionsController, SendOutcomesController, QuarantineController],
  providers: [
    AttributionRecompute,
    ContactBuilder,
    ConversationBackfill,
    ConversionMatcher,
    EventIngest,
    ConversionsService,
    SendOutcomesService,
    MessengerPagesBootstrap,
    MessengerRepository,
    QuarantineService,
    WebhookLogWriter,
    WebhookProcessor,
    WebhookSecrets,
    WebhookService,
  ],
  exports: [
    WebhookProcessor,
    WebhookSecrets,
    MessengerRepository,
    ConversationBackfill,
    AttributionRecompute,
    QuarantineService,
  ],
})
export class MessengerModule {}
