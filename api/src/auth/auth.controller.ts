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
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { firstRunStatusResponse, meResponse, signedInResponse } from '../openapi/responses/access.js';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Whether the installation still needs its first owner (the dashboard then shows the first-run screen). */
  @Public()
  @ApiDoc({ summary: 'Whether the first owner is still to be created', response: firstRunStatusResponse })
  @Get('first-run')
  firstRunStatus() {
    return this.auth.firstRunStatus();
  }

  /** Creates the first owner and signs them in; 409 once any user exists. */
  @Public()
  @ApiDoc({
    summary: 'Create the first owner and sign in',
    response: signedInResponse,
    errors: { 409: 'The first owner already exists: sign in, or ask an owner for an account.', 429: undefined },
  })
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
  @ApiDoc({
    summary: 'Sign in: sets the session cookie',
    response: signedInResponse,
    errors: { 401: 'Email or password is incorrect.', 429: undefined },
  })
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
  @ApiDoc({
    summary: 'Sign out: ends the session and clears its cookie',
    response: { status: 204, description: 'Signed out.' },
  })
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(sessionSecret(req));
    const { maxAge: _, ...options } = sessionCookieOptions(req);
    res.clearCookie(SESSION_COOKIE, options);
  }

  @Access('viewer', { tokenScopes: [] })
  @ApiDoc({ summary: 'The signed-in user and their workspaces', response: meResponse })
  @Get('me')
  me(@Current() access: RequestAccess): Promise<Me> {
    return this.auth.me(access);
  }

  /** Makes one of the user's workspaces current for this session (X-Workspace does it for one request). */
  @Access('viewer', { tokenScopes: [] })
  @ApiDoc({
    summary: 'Switch the session to another of your workspaces',
    response: meResponse,
    errors: { 404: 'workspace: you have no workspace "shop".' },
  })
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
  @ApiDoc({
    summary: 'Change your password (ends your other sessions)',
    response: { status: 204, description: 'Changed.' },
    errors: { 403: 'currentPassword: that is not your current password.', 429: undefined },
  })
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
