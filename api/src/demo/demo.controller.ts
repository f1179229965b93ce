import { Controller, Get } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { DemoService, type DemoStatus } from './demo.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { demoResponse } from '../openapi/responses/app.js';

@Controller('api/demo')
export class DemoController {
  constructor(private readonly demo: DemoService) {}

  /** Whether this installation shows simulated data, said plainly for the dashboard's banner. */
  @Access('viewer')
  @ApiDoc({ summary: 'Whether this installation shows simulated data', response: demoResponse })
  @Get()
  get(): DemoStatus {
    return this.demo.status();
  }
}
