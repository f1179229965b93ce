import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { Access, Public } from './access.decorator.js';
import { SESSION_COOKIE } from './auth.constants.js';
import { AuthService, type Me } from './auth.service.js';
import { Current } from './current.decorator.js';
import {
  changePasswordSchema,
  firstRunSchema,
  signInSchema,
  switchWorkspaceSchema,
  type ChangePasswordBody,
  type FirstRunBody,
  type SignInBody,
  type SwitchWorkspaceBody,
} from './dto/auth.dto.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import type { RequestAccess } from './request-access.js';
import { sessionCookieOptions, sessionSecret } from './session-cookie.js';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Whether the installation still needs its first owner (the dashboard then shows the first-run screen). */
  @Public()
  @Get('first-run')
  firstRunStatus() {
    return this.auth.firstRunStatus();
  }

  /** Creates the first owner and signs them in; 409 once any user exists. */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('first-run')
  async firstRun(
    @Body(new ZodValidationPipe(firstRunSchema)) body: FirstRunBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ signedIn: true }> {
    res.cookie(SESSION_COOKIE, await this.auth.firstRun(body), sessionCookieOptions(req));
    return { signedIn: true };
  }

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  async login(
    @Body(new ZodValidationPipe(signInSchema)) body: SignInBody,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ signedIn: true }> {
    res.cookie(SESSION_COOKIE, await this.auth.signIn(body.email, body.password), sessionCookieOptions(req));
    return { signedIn: true };
  }

  /** Ends the session of the cookie, if any, and clears it. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(sessionSecret(req));
    const { maxAge: _, ...options } = sessionCookieOptions(req);
    res.clearCookie(SESSION_COOKIE, options);
  }

  @Access('viewer', { tokenScopes: [] })
  @Get('me')
  me(@Current() access: RequestAccess): Promise<Me> {
    return this.auth.me(access);
  }

  /** Makes one of the user's workspaces current for this session (X-Workspace does it for one request). */
  @Access('viewer', { tokenScopes: [] })
  @Post('workspace')
  @HttpCode(200)
  switchWorkspace(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(switchWorkspaceSchema)) body: SwitchWorkspaceBody,
  ): Promise<Me> {
    return this.auth.switchWorkspace(access, body.workspace);
  }

  /** Changes the password and ends the user's other sessions. */
  @Access('viewer', { tokenScopes: [] })
  @UseGuards(LoginThrottlerGuard)
  @Post('password')
  @HttpCode(204)
  changePassword(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(changePasswordSchema)) body: ChangePasswordBody,
  ): Promise<void> {
    return this.auth.changePassword(access, body);
  }
}
