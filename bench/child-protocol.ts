/** Messages between the bench runner and a measurement child (over the fork IPC channel). */
export type ChildMessage =
  | { type: 'ready'; info: unknown }
  | { type: 'result'; value: unknown; maxRssKb: number }
  | { type: 'error'; message: string; stack?: string; code?: string };

export type ParentMessage = { type: 'stop' };

export interface TaskControl {
  /** Tells the parent the task is serving (e.g. its HTTP port) and may be loaded now. */
  ready(info: unknown): void;
  /** Resolves when the parent asks a serving task to stop. */
  stopped: Promise<void>;
}

export type Task = (args: Record<string, unknown>, control: TaskControl) => Promise<unknown>;
