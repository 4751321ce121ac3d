import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { WEBHOOK_PLATFORMS, type WebhookPlatform } from '../../webhooks/inbound-delivery.js';
import { receiveWebhook } from '../../webhooks/receive-webhook.js';
import { HttpError } from '../http-errors.js';
import { NotFoundError } from '../../errors.js';
import type { RouteContext } from '../route-context.js';
import { idSchema, StringEnum, withErrors } from '../route-schemas.js';

export interface WebhookRouteOptions {
  /** Largest delivery accepted (`daemon.webhook_body_limit_bytes`). */
  bodyLimit: number;
  /** Called after a delivery was stored, so the inbox worker starts at once instead of at its next poll. */
  onStored?: () => void;
}

/**
 * `POST /webhooks/{platform}/{id_store}`: no bearer token (the platform cannot send one), the
 * signature over the raw body is the authentication. In a plugin of their own so that the raw-body
 * parser applies to these routes only.
 */
export function registerWebhookRoutes(server: FastifyInstance, ctx: RouteContext, options: WebhookRouteOptions): void {
  void server.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_request, body, done) => { done(null, body); });

    for (const platform of WEBHOOK_PLATFORMS) {
      scope.post(`/webhooks/${platform}/:id_store`, {
        config: { public: true },
        bodyLimit: options.bodyLimit,
        schema: {
          summary: `Receive a ${platform === 'shopify' ? 'Shopify' : 'WooCommerce'} webhook (signed with the store's webhook secret; no bearer token)`,
          tags: ['webhooks'],
          params: Type.Object({ id_store: idSchema }),
          responses: withErrors({
            200: Type.Object({ status: StringEnum(['stored', 'duplicate', 'ping'] as const) }),
          }, 404, 413),
        },
      }, async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const result = await receiveWebhook({ db: ctx.app.db, env: ctx.app.env, now: () => ctx.app.clock.now() }, platform as WebhookPlatform, request.params.id_store, request.headers, raw);
        // Never the body in a log line: it carries customers' names and addresses.
        const where = { platform, id_store: request.params.id_store, bytes: raw.length };
        switch (result.kind) {
          case 'unknown-store':
            request.log.warn(where, `webhook refused: ${result.reason}`);
            throw new NotFoundError('STORE_NOT_FOUND', result.reason, { hint: `Register the webhook with the id of a ${platform} store (\`ecom-sync stores list\`).` });
          case 'unauthorized':
            request.log.warn(where, `webhook refused: ${result.reason}`);
            throw new HttpError('WEBHOOK_SIGNATURE_INVALID', 'the webhook signature does not match the store\'s webhook secret', { hint: 'Check the secret with `ecom-sync webhooks status`; set it with `ecom-sync stores update ID --webhook-secret-env VAR`.' });
          case 'bad-body':
            request.log.warn(where, `webhook refused: ${result.reason}`);
            throw new HttpError('INVALID_JSON', result.reason, { hint: 'Webhooks must be sent as JSON.' });
          case 'ping':
            request.log.info(where, 'webhook ping accepted');
            return reply.send({ status: 'ping' });
          default:
            request.log.info({ ...where, topic: result.topic, dedup_key: result.dedupKey }, result.kind === 'stored' ? 'webhook stored' : 'webhook already received: not stored again');
            if (result.kind === 'stored') options.onStored?.();
            return reply.send({ status: result.kind });
        }
      });
    }
  });
}
