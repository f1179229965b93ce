import { Body, Controller, Delete, Get, Param, Patch, Post, StreamableFile } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import {
  linkPagesResponse,
  linkResponse,
  linksResponse,
  qrPngResponse,
  qrSvgResponse,
} from '../openapi/responses/links.js';
import {
  createLinkSchema,
  linkIdSchema,
  updateLinkSchema,
  type CreateLinkBody,
  type UpdateLinkBody,
} from './dto/link.dto.js';
import { LinksService, type LinkPage, type LinkView } from './links.service.js';
import type { QrFormat } from './qr.js';

const DUPLICATE =
  'ref: page 104857600000009 already has a link with the ref spring_poster: edit that link, or choose another ref.';
const BAD_REF = 'ref: may contain only letters, digits, -, _ and = (Meta’s rule for m.me refs)';

/** Registered m.me ref links and their QR codes: viewers read, analysts and above write. */
@Controller('api/links')
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @Access('viewer')
  @ApiDoc({ summary: 'The workspace’s registered ref links', response: linksResponse })
  @Get()
  list(@Current() access: RequestAccess): Promise<LinkView[]> {
    return this.links.list(access.workspaceId);
  }

  @Access('viewer')
  @ApiDoc({ summary: 'The pages a ref link can open', response: linkPagesResponse })
  @Get('pages')
  pages(@Current() access: RequestAccess): Promise<LinkPage[]> {
    return this.links.pages(access.workspaceId);
  }

  @Access('analyst')
  @ApiDoc({
    summary: 'Register an m.me ref link',
    response: linkResponse,
    errors: { 400: BAD_REF, 404: 'pageId: 104857600000009 is not a page of this workspace.', 409: DUPLICATE },
  })
  @Post()
  create(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(createLinkSchema)) body: CreateLinkBody,
  ): Promise<LinkView> {
    return this.links.create(access, body);
  }

  @Access('analyst')
  @ApiDoc({ summary: 'Change a ref link', response: linkResponse, errors: { 400: BAD_REF, 409: DUPLICATE } })
  @Patch(':id')
  update(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(linkIdSchema)) id: string,
    @Body(new ZodValidationPipe(updateLinkSchema)) body: UpdateLinkBody,
  ): Promise<LinkView> {
    return this.links.update(access, id, body);
  }

  @Access('analyst')
  @ApiDoc({ summary: 'Delete a ref link (its contacts and figures stay)', response: linkResponse })
  @Delete(':id')
  remove(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(linkIdSchema)) id: string,
  ): Promise<LinkView> {
    return this.links.remove(access, id);
  }

  @Access('viewer')
  @ApiDoc({ summary: 'A ref link’s QR code as PNG', response: qrPngResponse })
  @Get(':id/qr.png')
  qrPng(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(linkIdSchema)) id: string,
  ): Promise<StreamableFile> {
    return this.qr(access, id, 'png');
  }

  @Access('viewer')
  @ApiDoc({ summary: 'A ref link’s QR code as SVG', response: qrSvgResponse })
  @Get(':id/qr.svg')
  qrSvg(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(linkIdSchema)) id: string,
  ): Promise<StreamableFile> {
    return this.qr(access, id, 'svg');
  }

  private async qr(access: RequestAccess, id: string, format: QrFormat): Promise<StreamableFile> {
    const file = await this.links.qr(access.workspaceId, id, format);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.body.length,
    });
  }
}
