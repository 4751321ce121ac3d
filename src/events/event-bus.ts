import type { Logger } from '../logging/create-logger.js';
import type { Event, EventHandler } from './event-types.js';

export interface HandlerOutcome {
  handler: string;
  ok: boolean;
  error?: Error;
}

export interface EventBus {
  register(handler: EventHandler): void;
  readonly handlers: readonly EventHandler[];
  /**
   * Runs every handler that accepts the event, in registration order (the spec's priority), and
   * waits for all of them: a CLI never exits with work in flight. A failing handler is logged and
   * does not stop the others.
   */
  emit(event: Event): Promise<HandlerOutcome[]>;
}

export function createEventBus(logger: Logger): EventBus {
  const handlers: EventHandler[] = [];
  return {
    handlers,
    register(handler) {
      handlers.push(handler);
    },
    async emit(event) {
      const outcomes: HandlerOutcome[] = [];
      for (const handler of handlers) {
        if (!handler.canHandle(event)) continue;
        try {
          await handler.handle(event);
          outcomes.push({ handler: handler.name, ok: true });
        } catch (caught) {
          const error = caught instanceof Error ? caught : new Error(String(caught));
          logger.error({ err: error, handler: handler.name, event_type: event.event_type }, `handler ${handler.name} failed on ${event.event_type}`);
          outcomes.push({ handler: handler.name, ok: false, error });
        }
      }
      return outcomes;
    },
  };
}
