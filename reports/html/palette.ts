/**
 * Strategy colours: the Okabe-Ito palette (Okabe & Ito 2008), told apart with every common form
 * of colour blindness, in an order that puts the strongest contrasts first and yellow (weak on
 * white) last. Lines also get a dash pattern each, so series stay distinct in grey print.
 */
export const OKABE_ITO: readonly string[] = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#999999', // grey (black would vanish in dark mode)
  '#F0E442', // yellow
];

/** Dash patterns (canvas `setLineDash`, px) paired with the colours: solid first. */
export const DASHES: readonly (readonly number[])[] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6]];

/** The colour of the i-th strategy (cycling past the palette's end). */
export function strategyColour(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length] as string;
}

/** The dash pattern of the i-th strategy. */
export function strategyDash(index: number): readonly number[] {
  return DASHES[index % DASHES.length] as readonly number[];
}

/** Stops of viridis (perceptually uniform, colour-blind safe, reads in grey): the heatmap scale. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** A viridis colour for t in 0..1 (clamped), as `rgb(r, g, b)`, and whether text on it should be dark. */
export function viridis(t: number): { fill: string; darkText: boolean } {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i] as readonly [number, number, number];
  const b = VIRIDIS[i + 1] as readonly [number, number, number];
  const [r, g, bl] = [0, 1, 2].map((k) =>
    Math.round((a[k] as number) + ((b[k] as number) - (a[k] as number)) * f),
  );
  const luminance = 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (bl as number);
  return { fill: `rgb(${r}, ${g}, ${bl})`, darkText: luminance > 140 };
}
