import type { Command } from './command.ts';

/**
 * Every command by name, in the order `csm --help` lists them. A command's module loads only when
 * it runs, so `csm statusline` (run on every status-line refresh) or `csm status` does not set up
 * what `csm plan` or `csm doctor` need.
 */
export const COMMANDS: readonly { name: string; load: () => Promise<Command> }[] = [
  { name: 'init', load: async () => (await import('./commands/init.ts')).initCommand },
  { name: 'start', load: async () => (await import('./commands/start.ts')).startCommand },
  { name: 'plan', load: async () => (await import('./commands/plan.ts')).planCommand },
  { name: 'task', load: async () => (await import('./commands/task.ts')).taskCommand },
  { name: 'status', load: async () => (await import('./commands/status.ts')).statusCommand },
  { name: 'gates', load: async () => (await import('./commands/gates.ts')).gatesCommand },
  { name: 'report', load: async () => (await import('./commands/report.ts')).reportCommand },
  { name: 'complete', load: async () => (await import('./commands/complete.ts')).completeCommand },
  { name: 'metrics', load: async () => (await import('./commands/metrics.ts')).metricsCommand },
  { name: 'memory', load: async () => (await import('./commands/memory.ts')).memoryCommand },
  { name: 'pause', load: async () => (await import('./commands/pause.ts')).pauseCommand },
  { name: 'resume', load: async () => (await import('./commands/pause.ts')).resumeCommand },
  { name: 'switch', load: async () => (await import('./commands/switch.ts')).switchCommand },
  { name: 'statusline', load: async () => (await import('./commands/statusline.ts')).statuslineCommand },
  { name: 'demo', load: async () => (await import('./commands/demo.ts')).demoCommand },
  { name: 'profile', load: async () => (await import('./commands/profile.ts')).profileCommand },
  { name: 'mod', load: async () => (await import('./commands/mod.ts')).modCommand },
  { name: 'doctor', load: async () => (await import('./commands/doctor.ts')).doctorCommand },
  { name: 'uninstall', load: async () => (await import('./commands/uninstall.ts')).uninstallCommand },
];
