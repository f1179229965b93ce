import { Module } from '@nestjs/common';
import { AuditRepository } from '../auth/audit.repository.js';
import { ConversionRulesController } from './conversion-rules.controller.js';
import { ConversionRulesRepository } from './conversion-rules.repository.js';
import { ConversionRulesService } from './conversion-rules.service.js';

/** Conversion rules: which postback payloads or message keywords count as a conversion. */
@Module({
  controllers: [ConversionRulesController],
  // auth's repository, provided here too (auth does not export it): it holds no state
  providers: [AuditRepository, ConversionRulesRepository, ConversionRulesService],
})
export class ConversionRulesModule {}
