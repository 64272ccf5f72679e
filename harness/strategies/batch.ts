import { estimateTokens } from '../../mocks/protocol/tokens.ts';
import type { ApiRequest, FailureOutcome, Outcome, Usage } from '../transport/Transport.ts';
import { abortedOutcome } from './abortable.ts';
import { type BatchOptions, DEFAULT_BATCH } from './options.ts';
import { type CallContext, type Handler, newTrace, type Policy } from './Policy.ts';
import { splitProportionally } from './splitProportionally.ts';

interface Member {
  request: ApiRequest;
  context: CallContext;
  /** Estimated tokens of the member's prompt (usage split weight). */
  promptTokens: number;
  resolve: (outcome: Outcome) => void;
  /** Its caller has its outcome (or gave up); nothing more is delivered. */
  settled: boolean;
  /** The batch it is in was sent. */
  sent: boolean;
  /** Removes the member's abort listener (signals may be shared by a whole run). */
  cleanup: () => void;
}

interface PendingBatch {
  key: string;
  members: Member[];
  next: Handler;
  cancelTimer: () => void;
}

/**
 * Batching by prompt merging (seeds 000 and 004): requests are collected until `size` have come or
 * `maxWaitMs` has passed since the first one (a clock timer), their prompts are joined with
 * `delimiter` into one request, and the answer is split on the delimiter back to each caller.
 *
 * - Only single-turn requests (one user message of string content, no tools, thinking or system blocks) batch, and only with requests of the same model,
 *   system prompt, stream flag and temperature; others go straight through.
 * - `max_tokens` of the merged request is the members' sum (default; never capped silently, so an
 *   over-large sum meets the API's own validation) or their largest (`maxTokens: 'max'`).
 * - Each member's trace gets `batchSize` and a 1/size share of the batch call's attempts, wasted
 *   output tokens and stream restarts (policies beneath the batch, such as retry, act on the merged
 *   call); `firstTokenAtMs` of the merged call goes to every member.
 * - Usage is split with whole-token shares that add up to the batch's: input tokens in proportion
 *   to each prompt's estimated tokens, output tokens to each answer part's (for a failure, to the
 *   prompts'). The member outcome's usage is its share.
 * - Every part but the last is whole (a delimiter followed it): its stop reason is `end_turn`; the
 *   last part keeps the merged answer's (`max_tokens` when max_tokens cut the answer short).
 * - An answer with the wrong number of parts: every member is sent on its own (`batchFallback`;
 *   the batch's tokens were still billed), or fails with `batch-split-failed` (`onSplitFailure: 'fail'`).
 * - A failed batch call fails every member with the same outcome (retry placed beneath the batch
 *   retries the merged call for all of them).
 * - A caller that aborts before the batch is sent leaves it; after, it gets `aborted` at once and
 *   the batch call is aborted only when every member has.
 * A batch that ends up with one member is sent unmerged (`batchSize` 1).
 */
export class BatchPolicy implements Policy {
  readonly name = 'batch';
  readonly options: BatchOptions;
  readonly #pending = new Map<string, PendingBatch>();

  constructor(options: BatchOptions = DEFAULT_BATCH) {
    this.options = options;
  }

  execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    const message = request.messages[0];
    if (
      request.messages.length !== 1 ||
      message === undefined ||
      message.role !== 'user' ||
      typeof message.content !== 'string' ||
      request.tools !== undefined ||
      request.thinking !== undefined ||
      typeof (request.system ?? '') !== 'string'
    ) {
      return next(request, context);
    }
    const signal = context.signal;
    if (signal?.aborted) return Promise.resolve(abortedOutcome('before batching'));
    const key = `${request.model}\u0000${request.stream ? 1 : 0}\u0000${request.temperature ?? ''}\u0000${(request.system as string | undefined) ?? ''}\u0000${request.cacheTtl ?? ''}`;
    return new Promise<Outcome>((resolve) => {
      const member: Member = {
        request,
        context,
        promptTokens: estimateTokens(message.content as string),
        resolve,
        settled: false,
        sent: false,
        cleanup: () => {},
      };
      let batch = this.#pending.get(key);
      if (batch === undefined) {
        const created: PendingBatch = { key, members: [], next, cancelTimer: () => {} };
        created.cancelTimer = context.clock.setTimer(this.options.maxWaitMs, () => this.#flush(created));
        this.#pending.set(key, created);
        batch = created;
      }
      const joined = batch;
      joined.members.push(member);
      if (signal !== undefined) {
        const onAbort = (): void => {
          if (member.settled) return;
          if (!member.sent) {
            const i = joined.members.indexOf(member);
            if (i >= 0) joined.members.splice(i, 1);
            if (joined.members.length === 0) {
              joined.cancelTimer();
              if (this.#pending.get(key) === joined) this.#pending.delete(key);
            }
          }
          this.#deliver(
            member,
            abortedOutcome(member.sent ? 'while its batch was in flight' : 'while batching'),
          );
        };
        signal.addEventListener('abort', onAbort, { once: true });
        member.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      if (joined.members.length >= this.options.size) this.#flush(joined);
    });
  }

  #deliver(member: Member, outcome: Outcome): void {
    if (member.settled) return;
    member.settled = true;
    member.cleanup();
    member.resolve(outcome);
  }

  #flush(batch: PendingBatch): void {
    batch.cancelTimer();
    if (this.#pending.get(batch.key) === batch) this.#pending.delete(batch.key);
    const members = batch.members;
    for (const member of members) member.sent = true;
    if (members.length === 0) return;
    if (members.length === 1) {
      const only = members[0] as Member;
      only.context.trace.batchSize = 1;
      batch.next(only.request, only.context).then((outcome) => this.#deliver(only, outcome));
      return;
    }
    void this.#send(members, batch.next);
  }

  async #send(members: Member[], next: Handler): Promise<void> {
    const n = members.length;
    const first = members[0] as Member;
    const delimiter = this.options.delimiter;
    let maxTokens = 0;
    const prompts: string[] = [];
    for (const member of members) {
      prompts.push((member.request.messages[0] as { content: string }).content);
      maxTokens =
        this.options.maxTokens === 'max'
          ? Math.max(maxTokens, member.request.maxTokens)
          : maxTokens + member.request.maxTokens;
    }
    const merged: ApiRequest = {
      model: first.request.model,
      maxTokens,
      messages: [{ role: 'user', content: prompts.join(delimiter) }],
      stream: first.request.stream,
    };
    if (first.request.system !== undefined) merged.system = first.request.system;
    if (first.request.temperature !== undefined) merged.temperature = first.request.temperature;
    if (first.request.cacheTtl !== undefined) merged.cacheTtl = first.request.cacheTtl;

    const trace = newTrace();
    const context: { -readonly [K in keyof CallContext]: CallContext[K] } = {
      clock: first.context.clock,
      random: first.context.random,
      trace,
    };
    if (first.context.streamIdleTimeoutMs !== undefined) {
      context.streamIdleTimeoutMs = first.context.streamIdleTimeoutMs;
    }
    const allAborted = abortWhenAllAbort(members);
    if (allAborted !== undefined) context.signal = allAborted.signal;

    const outcome = await next(merged, context);
    allAborted?.dispose();
    for (const member of members) {
      const t = member.context.trace;
      t.batchSize = n;
      t.attempts += trace.attempts / n;
      t.wastedOutputTokens += trace.wastedOutputTokens / n;
      t.streamRestarts += trace.streamRestarts / n;
      if (trace.firstTokenAtMs !== undefined) t.firstTokenAtMs = trace.firstTokenAtMs;
    }
    const promptWeights = members.map((m) => m.promptTokens);
    if (outcome.kind !== 'ok') {
      const shares =
        outcome.usage !== undefined ? splitUsage(outcome.usage, promptWeights, promptWeights) : undefined;
      members.forEach((member, i) => {
        const own: FailureOutcome = { ...outcome };
        if (shares !== undefined) own.usage = shares[i] as Usage;
        this.#deliver(member, own);
      });
      return;
    }
    const parts = outcome.text.split(delimiter);
    if (parts.length === n) {
      const shares = splitUsage(outcome.usage, promptWeights, parts.map(estimateTokens));
      members.forEach((member, i) => {
        const own: Outcome = {
          kind: 'ok',
          text: parts[i] as string,
          // Parts before the last were followed by a delimiter, so they are whole; a cut answer cut the last.
          stopReason: i < n - 1 ? 'end_turn' : outcome.stopReason,
          usage: shares[i] as Usage,
        };
        if (outcome.firstTokenAtMs !== undefined) own.firstTokenAtMs = outcome.firstTokenAtMs;
        this.#deliver(member, own);
      });
      return;
    }
    const message = `the batched answer split into ${parts.length} parts for ${n} prompts (delimiter ${JSON.stringify(delimiter)})`;
    if (this.options.onSplitFailure === 'fail') {
      const shares = splitUsage(outcome.usage, promptWeights, promptWeights);
      members.forEach((member, i) => {
        this.#deliver(member, { kind: 'batch-split-failed', message, usage: shares[i] as Usage });
      });
      return;
    }
    await Promise.all(
      members.map(async (member) => {
        if (member.settled) return;
        member.context.trace.batchFallback = true;
        this.#deliver(member, await next(member.request, member.context));
      }),
    );
  }
}

/** Splits input tokens by `inputWeights` and output tokens by `outputWeights`. */
function splitUsage(
  usage: Usage,
  inputWeights: readonly number[],
  outputWeights: readonly number[],
): Usage[] {
  const input = splitProportionally(usage.inputTokens, inputWeights);
  const output = splitProportionally(usage.outputTokens, outputWeights);
  return input.map((inputTokens, i) => ({ inputTokens, outputTokens: output[i] as number }));
}

/** A signal aborted once every member has aborted; undefined if some member never can. */
function abortWhenAllAbort(
  members: readonly Member[],
): { signal: AbortSignal; dispose: () => void } | undefined {
  if (members.some((m) => m.context.signal === undefined)) return undefined;
  const controller = new AbortController();
  let live = members.length;
  const disposers: (() => void)[] = [];
  for (const member of members) {
    const signal = member.context.signal as AbortSignal;
    const onAbort = (): void => {
      if (--live === 0) controller.abort(signal.reason);
    };
    if (signal.aborted) onAbort();
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      disposers.push(() => signal.removeEventListener('abort', onAbort));
    }
  }
  return {
    signal: controller.signal,
    dispose: () => {
      for (const dispose of disposers) dispose();
    },
  };
}

/** A batch policy with the given options (defaults: `DEFAULT_BATCH`). */
export function batch(options: BatchOptions = DEFAULT_BATCH): BatchPolicy {
  return new BatchPolicy(options);
}
