import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { Access } from './access.decorator.js';
import { Current } from './current.decorator.js';
import {
  addMemberSchema,
  changeRoleSchema,
  userIdSchema,
  type AddMemberBody,
  type ChangeRoleBody,
} from './dto/member.dto.js';
import { MembersService } from './members.service.js';
import type { RequestAccess } from './request-access.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { addedMemberResponse, memberResponse, membersResponse } from '../openapi/responses/access.js';

/** The workspace's members and their roles, for its admins (sessions only, like tokens). */
@Controller('api/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Access('admin', { tokenScopes: [] })
  @ApiDoc({ summary: 'The workspace’s members and roles', response: membersResponse })
  @Get()
  list(@Current() access: RequestAccess) {
    return this.members.list(access.workspaceId);
  }

  @Access('admin', { tokenScopes: [] })
  @ApiDoc({
    summary: 'Add a member (a new account needs a password)',
    response: addedMemberResponse,
    errors: { 403: 'Only an owner may make, change or remove an owner.' },
  })
  @Post()
  add(@Current() access: RequestAccess, @Body(new ZodValidationPipe(addMemberSchema)) body: AddMemberBody) {
    return this.members.addByRequest(access, body);
  }

  @Access('admin', { tokenScopes: [] })
  @ApiDoc({
    summary: 'Change a member’s role',
    response: memberResponse,
    errors: { 409: 'A workspace keeps at least one owner: make another owner first.' },
  })
  @Patch(':userId')
  changeRole(
    @Current() access: RequestAccess,
    @Param('userId', new ZodValidationPipe(userIdSchema)) userId: string,
    @Body(new ZodValidationPipe(changeRoleSchema)) body: ChangeRoleBody,
  ) {
    return this.members.changeRole(access, userId, body.role);
  }

  @Access('admin', { tokenScopes: [] })
  @ApiDoc({
    summary: 'Remove a member from the workspace',
    response: { status: 204, description: 'Removed.' },
    errors: { 409: 'A workspace keeps at least one owner: make another owner first.' },
  })
  @Delete(':userId')
  @HttpCode(204)
  remove(@Current() access: RequestAccess, @Param('userId', new ZodValidationPipe(userIdSchema)) userId: string) {
    return this.members.remove(access, userId);
  }
}
