import { Module, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { LogLevel } from '../config/config.js';

/**
 * JSON logs through pino, one line per request. Requests are logged by method, path (without the
 * query string, which can carry hub.verify_token) and status; headers and bodies are never logged.
 */
@Module({})
export class LoggingModule {
  static forRoot(level: LogLevel): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level,
            quietReqLogger: true,
            customSuccessMessage: () => 'request completed',
            customErrorMessage: () => 'request failed',
            serializers: {
              req: (req: IncomingMessage & { originalUrl?: string }) => ({
                method: req.method,
                path: (req.originalUrl ?? req.url ?? '').split('?')[0],
              }),
              res: (res: ServerResponse) => ({ status: res.statusCode }),
            },
            customAttributeKeys: { responseTime: 'ms' },
            redact: { paths: ['req.headers', 'res.headers'], remove: true },
          },
        }),
      ],
    };
  }
}
