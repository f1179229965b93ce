import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, type DatabaseOptions } from './data-source-options.js';

@Module({})
export class DatabaseModule {
  static forRoot(db: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(db),
          autoLoadEntities: true,
          // reachability was checked before boot: fail at once instead of retrying for half a minute
          retryAttempts: 0,
        }),
      ],
    };
  }
}
