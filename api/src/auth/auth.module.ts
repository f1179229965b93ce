import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { AccessGuard } from './access.guard.js';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LOGIN_THROTTLERS, LoginThrottlerGuard, THROTTLED_MESSAGE } from './login-throttler.guard.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionsRepository } from './sessions.repository.js';
import { DatabaseThrottlerStorage } from './throttler-storage.js';
import { TokensController } from './tokens.controller.js';
import { TokensRepository } from './tokens.repository.js';
import { TokensService } from './tokens.service.js';
import { UsersRepository } from './users.repository.js';

/** Users, sessions, API tokens, the audit log, and the guard every request passes. */
@Module({
  imports: [
    WorkspacesModule,
    ThrottlerModule.forRootAsync({
      inject: [DataSource],
      useFactory: (db: DataSource) => ({
        throttlers: LOGIN_THROTTLERS,
        errorMessage: THROTTLED_MESSAGE,
        storage: new DatabaseThrottlerStorage(db),
      }),
    }),
  ],
  controllers: [AuthController, TokensController, MembersController, AuditController],
  providers: [
    AuthService,
    MembersService,
    TokensService,
    UsersRepository,
    SessionsRepository,
    TokensRepository,
    AuditRepository,
    PasswordHasher,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, MembersService, TokensService],
})
export class AuthModule {}
