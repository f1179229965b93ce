import { Module } from '@nestjs/common';
import { AuditRepository } from '../auth/audit.repository.js';
import { LinksController } from './links.controller.js';
import { LinksRepository } from './links.repository.js';
import { LinksService } from './links.service.js';

/** Registered m.me ref links (label, campaign tag, note) and their QR codes. */
@Module({
  controllers: [LinksController],
  // auth's repository, provided here too (auth does not export it): it holds no state
  providers: [AuditRepository, LinksRepository, LinksService],
})
export class LinksModule {}
