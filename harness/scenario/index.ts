export { cellIdOf, expandMatrix, matrixAxes, paramText } from './expandMatrix.ts';
export { loadScenario } from './loadScenario.ts';
export { parseMetricValue, resolveMetric } from './metrics.ts';
export { parseScenario } from './parseScenario.ts';
export { parseThreshold, parseThresholdCheck } from './parseThreshold.ts';
export { type ScenarioInput, scenarioSchema } from './scenarioSchema.ts';
export type * from './types.ts';
