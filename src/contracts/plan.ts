import * as z from 'zod/mini';

/** The plan Claude hands over with `csm plan --from-json -`. `csm plan --schema` prints it as JSON Schema. */
export const PlanTaskSchema = z.object({
  ref: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,40}$/))),
  id: z.optional(z.string().check(z.regex(/^task-[1-9][0-9]{0,5}$/))),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  agent: z.string().check(z.minLength(1)),
  estimateMinutes: z.number().check(z.positive(), z.lte(600)),
  expectedLines: z.number().check(z.int(), z.nonnegative()),
  criteria: z.array(z.string()).check(z.minLength(1)),
  tests: z.array(z.string()),
  files: z._default(z.array(z.string()), []),
  dependsOn: z._default(z.array(z.string()), []),
});
export type PlanTask = z.infer<typeof PlanTaskSchema>;

export const PlanSchema = z.object({
  tasks: z.array(PlanTaskSchema).check(z.minLength(1)),
  risks: z._default(
    z.array(z.object({ risk: z.string().check(z.minLength(1)), mitigation: z.string().check(z.minLength(1)) })),
    [],
  ),
});
export type Plan = z.infer<typeof PlanSchema>;

export const PLAN_EXAMPLE: Plan = {
  tasks: [
    {
      ref: 't1',
      title: 'Parse and verify the OAuth callback',
      agent: 'backend-specialist',
      estimateMinutes: 30,
      expectedLines: 60,
      criteria: ['An invalid state parameter is rejected with 400'],
      tests: ['rejects a callback with a wrong state', 'exchanges a valid code for a token'],
      files: ['src/auth/callback.ts', 'test/auth/callback.test.ts'],
      dependsOn: [],
    },
    {
      ref: 't2',
      title: 'Add the login button',
      agent: 'frontend-specialist',
      estimateMinutes: 20,
      expectedLines: 40,
      criteria: ['The button starts the OAuth flow'],
      tests: ['renders the button when logged out'],
      files: ['src/ui/login-button.tsx'],
      dependsOn: ['t1'],
    },
  ],
  risks: [{ risk: 'Provider sandbox is down', mitigation: 'Record fixtures of real responses and test against them' }],
};
