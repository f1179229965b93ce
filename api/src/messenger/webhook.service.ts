import { BadRequestException, ForbiddenException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { WebhookSecrets } from './webhook-secrets.js';
import { isSignatureValid } from './webhook-signature.js';
import { WebhookLogWriter } from './webhook-log.writer.js';
import { WebhookProcessor } from './webhook.processor.js';

/** Receives deliveries: verify, store durably, acknowledge; processing happens after, from the log. */
@Injectable()
export class WebhookService {
  constructor(
    private readonly secrets: WebhookSecrets,
    private readonly log: WebhookLogWriter,
    private readonly processor: WebhookProcessor,
  ) {}

  handshake(mode: string | undefined, token: string | undefined, challenge: string | undefined): string {
    const expected = this.secrets.verifyToken;
    if (mode !== 'subscribe' || !expected || !token || !sameText(token, expected)) {
      throw new ForbiddenException('The verify token does not match META_VERIFY_TOKEN.');
    }
    if (!challenge) throw new BadRequestException('hub.challenge is missing.');
    return challenge;
  }

  async receive(body: unknown, signature: string | undefined): Promise<void> {
    const secret = this.secrets.appSecret;
    if (!secret) throw new ServiceUnavailableException('Webhooks are not configured: set META_APP_SECRET.');
    if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestException('The body is empty.');
    if (!signature) throw new ForbiddenException('X-Hub-Signature-256 is missing.');
    if (!isSignatureValid(body, signature, secret)) {
      throw new ForbiddenException('X-Hub-Signature-256 does not match the body signed with the app secret.');
    }
    try {
      JSON.parse(body.toString('utf8'));
    } catch {
      throw new BadRequestException('The body is not JSON.');
    }
    // acknowledged means durable: the 200 goes out only after this commit
    await this.log.append(body);
    this.processor.kick();
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
