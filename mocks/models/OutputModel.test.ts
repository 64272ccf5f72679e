import { describe, expect, it } from 'vitest';
import { Random } from '../../base/random/Random.ts';
import { outputSchema } from '../config/MockConfig.ts';
import { singlePromptHash } from '../protocol/promptHash.ts';
import { estimateTokens } from '../protocol/tokens.ts';
import { countTasks, OutputModel, prefixWithTokens } from './OutputModel.ts';
import { TextGenerator } from './TextGenerator.ts';

function model(overrides: Record<string, unknown> = {}, seed = 1): OutputModel {
  const random = new Random(seed);
  return new OutputModel(
    outputSchema.parse({ tokens: { type: 'uniform', min: 20, max: 60 }, ...overrides }),
    new TextGenerator(random.fork('corpus')),
    random.fork('output'),
  );
}

const DELIMITER = '\n---\n';
const batch = (k: number): string =>
  Array.from({ length: k }, (_, i) => `Task ${i}: translate this`).join(DELIMITER);

describe('OutputModel', () => {
  it('always reports the estimator count of its text as outputTokens', () => {
    const m = model();
    for (let i = 0; i < 50; i++) {
      const out = m.generate({
        promptHash: i,
        lastUserText: i % 2 === 0 ? 'one task' : batch(3),
        maxTokens: 100,
      });
      expect(out.outputTokens).toBe(estimateTokens(out.text));
    }
  });

  it('caps the answer at max_tokens with stop_reason max_tokens, as a prefix of the full answer', () => {
    const m = model({ tokens: 40 });
    const full = m.generate({ promptHash: 7, lastUserText: 'q', maxTokens: 100 });
    const cut = m.generate({ promptHash: 7, lastUserText: 'q', maxTokens: 15 });
    expect([full.outputTokens, full.stopReason]).toEqual([40, 'end_turn']);
    expect([cut.outputTokens, cut.stopReason]).toEqual([15, 'max_tokens']);
    expect(full.text.startsWith(cut.text)).toBe(true);
  });

  it('answers K batched tasks with K parts joined by the delimiter', () => {
    const m = model();
    for (const k of [2, 3, 5]) {
      const out = m.generate({ promptHash: k, lastUserText: batch(k), maxTokens: 10_000 });
      expect(out.parts).toBe(k);
      expect(out.text.split(DELIMITER)).toHaveLength(k);
      expect(out.outputTokens).toBe(estimateTokens(out.text));
    }
  });

  it('breaks the format with K-1 or K+1 parts at formatBreakProbability 1', () => {
    const m = model({ formatBreakProbability: 1 });
    const counts = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const out = m.generate({ promptHash: i, lastUserText: batch(4), maxTokens: 10_000 });
      expect(out.text.split(DELIMITER)).toHaveLength(out.parts);
      counts.add(out.parts);
    }
    expect([...counts].sort()).toEqual([3, 5]);
  });

  it('breaks the format at roughly the configured rate', () => {
    const m = model({ formatBreakProbability: 0.2 });
    let broken = 0;
    for (let i = 0; i < 1000; i++) {
      if (m.generate({ promptHash: i, lastUserText: batch(3), maxTokens: 10_000 }).parts !== 3) broken++;
    }
    expect(broken).toBeGreaterThan(150);
    expect(broken).toBeLessThan(250);
  });

  it('draws each part length from the distribution', () => {
    const m = model({ tokens: 30 });
    const out = m.generate({ promptHash: 1, lastUserText: batch(3), maxTokens: 10_000 });
    expect(out.text.split(DELIMITER).map(estimateTokens)).toEqual([30, 30, 30]);
  });

  it('counts a wide (CJK) delimiter with the estimator and cuts it correctly', () => {
    const m = model({ delimiter: '\n。\n', tokens: 10 });
    const prompt = ['甲', '乙', '丙'].join('\n。\n');
    const full = m.generate({ promptHash: 3, lastUserText: prompt, maxTokens: 1000 });
    expect(full.text.split('\n。\n')).toHaveLength(3);
    expect(full.outputTokens).toBe(estimateTokens(full.text));
    const cut = m.generate({ promptHash: 3, lastUserText: prompt, maxTokens: 12 });
    expect([cut.outputTokens, estimateTokens(cut.text), cut.stopReason]).toEqual([12, 12, 'max_tokens']);
  });

  it('repeats the answer for the same prompt and seed, and varies it when not deterministic', () => {
    const input = { promptHash: 99, lastUserText: 'q', maxTokens: 500 };
    expect(model().generate(input)).toEqual(model().generate(input));
    expect(model({}, 2).generate(input).text).not.toBe(model().generate(input).text);
    const varying = model({ deterministic: false });
    expect(varying.generate(input).text).not.toBe(varying.generate(input).text);
  });
});

describe('OutputModel: stop sequences', () => {
  // Without stop sequences, prompt 7 is answered 'Still old man they because most. Against' (10 tokens).
  const m = model({ tokens: 10 });
  const ask = (stopSequences: string[], maxTokens = 100, lastUserText = 'q') =>
    m.generate({ promptHash: 7, lastUserText, maxTokens, stopSequences });

  it('ends the answer before the stop sequence, counting what is left', () => {
    expect(ask(['most'])).toEqual({
      text: 'Still old man they because ',
      outputTokens: 7,
      stopReason: 'stop_sequence',
      stopSequence: 'most',
      parts: 1,
      narrow: true,
    });
  });

  it('leaves the answer unchanged when no stop sequence occurs in it', () => {
    expect(ask(['zebra'])).toEqual(m.generate({ promptHash: 7, lastUserText: 'q', maxTokens: 100 }));
  });

  it('lets the max_tokens cut win unless the whole stop sequence lies inside it', () => {
    // max_tokens 5 keeps 'Still old man they b' (20 characters).
    expect(ask(['because'], 5)).toMatchObject({
      text: 'Still old man they b',
      outputTokens: 5,
      stopReason: 'max_tokens',
      stopSequence: null,
    });
    expect(ask(['man'], 5)).toMatchObject({
      text: 'Still old ',
      outputTokens: 3,
      stopReason: 'stop_sequence',
    });
    expect(ask(['they b'], 5)).toMatchObject({ text: 'Still old man ', stopSequence: 'they b' });
  });

  it('cuts a batched answer mid-batch, at a delimiter or inside a later part', () => {
    const tasks = `a${DELIMITER}b${DELIMITER}c`;
    expect(ask([DELIMITER], 100, tasks)).toMatchObject({
      text: 'Still old man they because most. Against',
      outputTokens: 10,
      stopSequence: DELIMITER,
      parts: 3,
    });
    const inSecond = ask(['batch'], 100, tasks);
    expect(inSecond.text).toBe(`Still old man they because most. Against${DELIMITER}Be is own `);
    expect([inSecond.outputTokens, inSecond.stopReason]).toEqual([14, 'stop_sequence']);
  });
});

describe('countTasks and prefixWithTokens', () => {
  it('counts delimiter-separated tasks', () => {
    expect([countTasks('a', DELIMITER), countTasks(`a${DELIMITER}b${DELIMITER}c`, DELIMITER)]).toEqual([
      1, 3,
    ]);
  });

  it('keeps the longest prefix within a token count', () => {
    expect(prefixWithTokens('abcdefgh你好', 2)).toBe('abcdefgh');
    expect(prefixWithTokens('abcdefgh你好', 3)).toBe('abcdefgh你');
  });

  it('answers each task of a one-message batch exactly as it would answer that task alone', () => {
    const m = model();
    const tasks = ['Task 0: translate this', 'Task 1: summarise that', 'Task 2: classify it'];
    const alone = tasks.map(
      (task) =>
        m.generate({
          promptHash: singlePromptHash(task, 'Be brief.'),
          lastUserText: task,
          maxTokens: 1000,
          turns: 1,
          systemText: 'Be brief.',
        }).text,
    );
    const batched = m.generate({
      promptHash: 12345,
      lastUserText: tasks.join(DELIMITER),
      maxTokens: 1000,
      turns: 1,
      systemText: 'Be brief.',
    });
    expect(batched.text.split(DELIMITER)).toEqual(alone);
  });
});
