import { Random } from '../../base/random/Random.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import type { IdGenerator } from '../protocol/ids.ts';
import type { AnswerBlock } from '../protocol/shapes.ts';
import type { ThinkingSigner } from '../protocol/thinkingSignature.ts';
import { estimateTokens } from '../protocol/tokens.ts';
import type { AgentRequest, ToolSpec } from '../protocol/toolsRequest.ts';
import type { GeneratedOutput, OutputInput, OutputModel } from './OutputModel.ts';
import { prefixWithTokens } from './OutputModel.ts';
import { sampleTokens } from './sampleTokens.ts';
import { schemaValue } from './schemaValue.ts';
import type { TextGenerator } from './TextGenerator.ts';

/** What a turn with tools or thinking depends on: the plain answer's inputs plus the agent fields. */
export interface TurnInput extends OutputInput {
  agent: AgentRequest;
}

/** The parts a turn is built from. */
export interface TurnParts {
  tools: MockConfig['tools'];
  thinking: MockConfig['thinking'];
  /** `output.deterministic`: draws from a stream seeded by the prompt, else from `random`. */
  deterministic: boolean;
  text: TextGenerator;
  random: Random;
  ids: IdGenerator;
  signer: ThinkingSigner;
}

/**
 * The answers to requests that offer tools or enable extended thinking. With thinking, the answer
 * opens with a thinking block (`thinking.tokens` long, capped at `budget_tokens`, signed) or, with
 * `thinking.redactedProbability`, a redacted_thinking block. Then, when the turn calls tools
 * (`tool_choice` any/tool: always; auto: with `tools.useProbability`; none: never), a short text
 * preamble (auto only) and 1 tool_use block, or 2..`tools.maxParallel` with
 * `tools.parallelProbability` unless `disable_parallel_tool_use`, each with an input generated from
 * the tool's `input_schema`, and stop_reason `tool_use`; otherwise the plain answer of
 * {@link OutputModel} within what `max_tokens` leaves. Every block counts as output tokens; a turn
 * whose blocks do not fit `max_tokens` ends at `max_tokens` with its text cut.
 */
export class TurnModel {
  readonly #p: TurnParts;

  constructor(parts: TurnParts) {
    this.#p = parts;
  }

  generate(input: TurnInput, output: OutputModel): GeneratedOutput {
    const p = this.#p;
    const r = p.deterministic
      ? new Random((p.random.seed ^ input.promptHash) >>> 0, `${p.random.stream}/turn`)
      : p.random;
    const { tools, toolChoice, thinkingBudget } = input.agent;
    const max = input.maxTokens;
    const blocks: AnswerBlock[] = [];
    const blockTokens: number[] = [];
    let used = 0;
    if (thinkingBudget !== undefined) {
      const tokens = Math.min(sampleTokens(p.thinking.tokens, r), thinkingBudget, max - 1);
      if (r.chance(p.thinking.redactedProbability)) {
        blocks.push({ type: 'redacted_thinking', data: p.signer.redactedData(p.ids.chars(24)) });
      } else {
        const thinking = p.text.text(tokens, r.next());
        blocks.push({ type: 'thinking', thinking, signature: p.signer.sign(thinking) });
      }
      blockTokens.push(tokens);
      used += tokens;
    }
    const calls = tools.length === 0 ? 0 : this.#calls(input.agent, r);
    if (calls > 0) {
      const forced = toolChoice.type !== 'auto';
      const uses: AnswerBlock[] = [];
      const useTokens: number[] = [];
      for (let i = 0; i < calls; i++) {
        const tool =
          toolChoice.name === undefined ? r.pick(tools) : (findTool(tools, toolChoice.name) as ToolSpec);
        const toolInput = schemaValue(tool.inputSchema, r);
        uses.push({ type: 'tool_use', id: p.ids.toolUseId(), name: tool.name, input: toolInput });
        useTokens.push(estimateTokens(JSON.stringify(toolInput)));
      }
      const preambleTokens = forced ? 0 : sampleTokens(p.tools.preambleTokens, r);
      const callTokens = useTokens.reduce((a, b) => a + b, 0);
      if (used + preambleTokens + callTokens <= max) {
        if (preambleTokens > 0) {
          const preamble = output.generate({ ...input, maxTokens: preambleTokens, stopSequences: undefined });
          blocks.push({ type: 'text', text: preamble.text });
          blockTokens.push(preamble.outputTokens);
          used += preamble.outputTokens;
        }
        blocks.push(...uses);
        blockTokens.push(...useTokens);
        return turn(blocks, blockTokens, used + callTokens, 'tool_use', null, '');
      }
      // The calls do not fit: the model runs out of tokens while still writing.
      const left = max - used;
      const cut = output.generate({ ...input, maxTokens: left, stopSequences: undefined });
      const text = cut.narrow ? cut.text.slice(0, left * 4) : prefixWithTokens(cut.text, left);
      blocks.push({ type: 'text', text });
      blockTokens.push(left);
      return turn(blocks, blockTokens, max, 'max_tokens', null, text);
    }
    const answer = output.generate(used === 0 ? input : { ...input, maxTokens: max - used });
    blocks.push({ type: 'text', text: answer.text });
    blockTokens.push(answer.outputTokens);
    return turn(
      blocks,
      blockTokens,
      used + answer.outputTokens,
      answer.stopReason,
      answer.stopSequence,
      answer.text,
    );
  }

  /** How many tool_use blocks this turn has (0: none). */
  #calls(agent: AgentRequest, r: Random): number {
    const c = this.#p.tools;
    const choice = agent.toolChoice;
    if (choice.type === 'none') return 0;
    if (choice.type === 'auto' && !r.chance(c.useProbability)) return 0;
    if (choice.disableParallel || c.maxParallel < 2 || !r.chance(c.parallelProbability)) return 1;
    return 2 + r.int(c.maxParallel - 1);
  }
}

function findTool(tools: readonly ToolSpec[], name: string): ToolSpec | undefined {
  return tools.find((t) => t.name === name);
}

function turn(
  blocks: AnswerBlock[],
  blockTokens: number[],
  outputTokens: number,
  stopReason: GeneratedOutput['stopReason'],
  stopSequence: string | null,
  text: string,
): GeneratedOutput {
  return { text, outputTokens, stopReason, stopSequence, parts: 1, narrow: false, blocks, blockTokens };
}
