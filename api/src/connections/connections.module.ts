import { Module } from '@nestjs/common';
import { AuditRepository } from '../auth/audit.repository.js';
import { MessengerModule } from '../messenger/messenger.module.js';
import { MetaModule } from '../meta/meta.module.js';
import { ConnectionsGraph } from './connections-graph.js';
import { ConnectionsController } from './connections.controller.js';
import { ConnectionsLoader } from './connections.loader.js';
import { ConnectionsRepository } from './connections.repository.js';
import { ConnectionsService } from './connections.service.js';
import { secretBoxProvider } from './secret-box.provider.js';
import { TokenHealthService } from './token-health.service.js';

/** Meta connections stored encrypted, loaded into MetaConnections for the syncs and the conversation backfill. */
@Module({
  imports: [MetaModule, MessengerModule],
  controllers: [ConnectionsController],
  providers: [
    secretBoxProvider,
    // auth's repository, provided here too (auth does not export it): it holds no state
    AuditRepository,
    ConnectionsGraph,
    ConnectionsRepository,
    ConnectionsLoader,
    ConnectionsService,
    TokenHealthService,
  ],
  exports: [ConnectionsLoader, ConnectionsService, TokenHealthService],
})
export class ConnectionsModule {}
