/**
 * Entry point of a measurement child: `node dist/bench/child.js <task> <json args>`, started by
 * child-runner.ts over IPC. Reports the task's value and the process's peak RSS, then ends when
 * the parent closes the channel.
 */
import type { ChildMessage, ParentMessage, Task } from './child-protocol.js';

const tasks: Record<string, () => Promise<Task>> = {
  'bulk-current': async () => (await import('./tasks/bulk-current-task.js')).bulkCurrentTask,
  'bulk-legacy': async () => (await import('./tasks/bulk-legacy-task.js')).bulkLegacyTask,
  'bulk-triggers': async () => (await import('./tasks/bulk-triggers-task.js')).bulkTriggersTask,
  'push-only': async () => (await import('./tasks/push-only-task.js')).pushOnlyTask,
  sandbox: async () => (await import('./tasks/sandbox-task.js')).sandboxTask,
  'http-server': async () => (await import('./tasks/http-server-task.js')).httpServerTask,
  'webhook-server': async () => (await import('./tasks/webhook-server-task.js')).webhookServerTask,
  'page-queries': async () => (await import('./tasks/page-queries-task.js')).pageQueriesTask,
  'pull-requests': async () => (await import('./tasks/pull-requests-task.js')).pullRequestsTask,
  'shopify-sandbox': async () => (await import('./tasks/shopify-sandbox-task.js')).shopifySandboxTask,
  'woo-sandbox': async () => (await import('./tasks/woo-sandbox-task.js')).wooSandboxTask,
  'platform-bulk': async () => (await import('./tasks/platform-bulk-task.js')).platformBulkTask,
  'woo-pull-requests': async () => (await import('./tasks/woo-pull-task.js')).wooPullTask,
  'daemon-soak': async () => (await import('./tasks/daemon-soak-task.js')).daemonSoakTask,
};

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => resolve());
  });
}

async function runTask(name: string, rawArgs: string): Promise<void> {
  const load = tasks[name];
  if (!load) throw new Error(`unknown bench task ${name}`);
  const task = await load();
  let onStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (onStop = resolve));
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') onStop();
  });
  const value = await task(JSON.parse(rawArgs) as Record<string, unknown>, { ready: (info) => void send({ type: 'ready', info }), stopped });
  await send({ type: 'result', value, maxRssKb: process.resourceUsage().maxRSS });
}

try {
  await runTask(process.argv[2] ?? '', process.argv[3] ?? '{}');
} catch (error) {
  const err = error instanceof Error ? error : new Error(String(error));
  await send({ type: 'error', message: err.message, stack: err.stack, code: (err as { code?: string }).code });
  process.exitCode = 1;
}
// The parent disconnects once it has the result; the open channel keeps this process until then,
// so the result can never be lost to an exit that overtakes it.
process.removeAllListeners('message');
