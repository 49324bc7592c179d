import type { Ratio } from './session-metrics.ts';

/** One factor of the score: weight and the factor in [0, 1], or null when it does not apply. */
export interface ScorePart {
  name: string;
  weight: number;
  factor: number | null;
  rule: string;
}

export interface ScoreInput {
  completion: Ratio;
  quality: Ratio;
  timeEfficiency: Ratio;
  bugsIntroduced: number;
  tasksCompleted: number;
  docs: Ratio;
}

export const SCORE_FORMULA =
  'score = round(100 × Σ(weight × factor) ÷ Σ weight), over the factors that apply: ' +
  'completion 35 × completion rate; quality 25 × quality score (0 when nothing was checked); ' +
  'time 15 × min(1, 1 ÷ time efficiency) (n/a without estimates); ' +
  'bugs 15 × max(0, 1 − bugs introduced ÷ max(1, tasks completed)), a bug introduced = a blocking gate that ends ' +
  'the session failing with failures it did not have earlier in it (failures from before the session are not ' +
  "the session's; a regression Stop caught and the session fixed is the gate working, not a bug); " +
  'docs 10 × documentation coverage (n/a when no source changed). A session with no planned task scores 0.';

/** The 0–100 score and its parts (see SCORE_FORMULA). */
export function scoreOf(i: ScoreInput): { value: number; parts: ScorePart[] } {
  const eff = i.timeEfficiency.value;
  const parts: ScorePart[] = [
    { name: 'completion', weight: 35, factor: i.completion.value, rule: 'completion rate' },
    { name: 'quality', weight: 25, factor: i.quality.value ?? 0, rule: 'quality score, 0 when nothing was checked' },
    {
      name: 'time',
      weight: 15,
      factor: eff === null ? null : eff <= 0 ? 1 : Math.min(1, 1 / eff),
      rule: 'min(1, 1 ÷ time efficiency)',
    },
    {
      name: 'bugs',
      weight: 15,
      factor: Math.max(0, 1 - i.bugsIntroduced / Math.max(1, i.tasksCompleted)),
      rule: '1 − bugs introduced ÷ max(1, tasks completed), at least 0',
    },
    { name: 'docs', weight: 10, factor: i.docs.value, rule: 'documentation coverage' },
  ];
  if (i.completion.value === null) return { value: 0, parts };
  const used = parts.filter((p) => p.factor !== null);
  const total = used.reduce((n, p) => n + p.weight, 0);
  const sum = used.reduce((n, p) => n + p.weight * (p.factor as number), 0);
  return { value: total > 0 ? Math.round((100 * sum) / total) : 0, parts };
}
