import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, type TaskConfig } from '@lit/task';
import { CrmError } from '../../src/errors.js';
import { CosellErrorEvent } from '../../src/events.js';
import { renderEmpty, renderError, renderLoading, renderNoPermission } from './states.js';

/**
 * The one way a cosell-* element loads from the CRM, fails and says so: a @lit/task Task with the
 * states every element shares.
 * - loading: `renderLoading(label)` (or the last value while it reloads, with `keepWhileReloading`);
 * - a failure fires `cosell-error` on the element once per failed run (never for an aborted run),
 *   and renders: `permission` → the no-permission state, `not-found` → `notFound` (default an empty
 *   state with the message), anything else → the error with Retry;
 * - `complete` gets the value; `undefined` (nothing to load yet, e.g. no adapter) renders `idle`.
 */
export interface CrmLoadOptions<T, A extends readonly unknown[]> {
  task: (args: A, options: { signal: AbortSignal }) => Promise<T | undefined>;
  args?: () => A;
  /** False: runs only through `run()` (the element decides when its inputs changed). */
  autoRun?: boolean;
  /** What the loading state says to a screen reader, in the active language (a function: the language can change). */
  loadingLabel: () => string;
  /**
   * What Retry does. Default: run the task again with its `args`. A task with `autoRun: false` and
   * no `args` must say how it runs again (usually with the arguments of the failed run).
   */
  retry?: () => unknown;
}

export interface CrmLoadViews<T> {
  complete: (value: T) => unknown;
  /** When there is nothing to load yet (the task answered undefined). Default: the loading state. */
  idle?: () => unknown;
  /** Default: an empty state with the error's message. */
  notFound?: (error: CrmError) => unknown;
  /** Show the last value while a reload is pending, instead of the loading state. */
  keepWhileReloading?: boolean;
  /** What a pending run shows instead (for a load that shows its first pages while the rest arrives). */
  pending?: () => unknown;
}

export class CrmLoad<T, const A extends readonly unknown[] = readonly unknown[]> {
  readonly task: Task<A, T | undefined>;
  private readonly loadingLabel: () => string;
  private readonly retry: () => unknown;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CrmLoadOptions<T, A>) {
    this.loadingLabel = options.loadingLabel;
    this.retry = options.retry ?? (() => this.task.run());
    const config: TaskConfig<A, T | undefined> = {
      task: async (args, { signal }) => {
        try {
          return await options.task(args, { signal });
        } catch (error) {
          if (signal.aborted) throw error;
          const crmError = CrmError.from(error);
          host.dispatchEvent(new CosellErrorEvent(crmError));
          throw crmError;
        }
      },
      ...(options.args ? { args: options.args } : {}),
      ...(options.autoRun === false ? { autoRun: false } : {}),
    };
    this.task = new Task(host, config);
  }

  get value(): T | undefined {
    return this.task.value;
  }

  get error(): CrmError | undefined {
    return this.task.status === TaskStatus.ERROR ? CrmError.from(this.task.error) : undefined;
  }

  /** Settles when the current run has (never rejects: a failure is a state). */
  get settled(): Promise<void> {
    return this.task.taskComplete.then(
      () => undefined,
      () => undefined,
    );
  }

  run(args?: A): Promise<void> {
    return this.task.run(args);
  }

  render(views: CrmLoadViews<T>): unknown {
    const loading = () => renderLoading(this.loadingLabel());
    const complete = (value: T | undefined) => (value === undefined ? (views.idle ?? loading)() : views.complete(value));
    return this.task.render({
      initial: () => (views.idle ?? loading)(),
      pending: () => (views.pending ? views.pending() : views.keepWhileReloading && this.task.value !== undefined ? views.complete(this.task.value) : loading()),
      complete,
      error: (error) => {
        const crmError = CrmError.from(error);
        if (crmError.kind === 'permission') return renderNoPermission(crmError.message);
        if (crmError.kind === 'not-found') return views.notFound ? views.notFound(crmError) : renderEmpty(crmError.message);
        return renderError(crmError, () => void this.retry());
      },
    });
  }
}
