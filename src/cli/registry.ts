import type { Command } from './command.ts';
import { completeCommand } from './commands/complete.ts';
import { metricsCommand } from './commands/metrics.ts';
import { reportCommand } from './commands/report.ts';
import { demoCommand } from './commands/demo.ts';
import { doctorCommand } from './commands/doctor.ts';
import { gatesCommand } from './commands/gates.ts';
import { initCommand } from './commands/init.ts';
import { planCommand } from './commands/plan.ts';
import { profileCommand } from './commands/profile.ts';
import { memoryCommand } from './commands/memory.ts';
import { startCommand } from './commands/start.ts';
import { statusCommand } from './commands/status.ts';
import { statuslineCommand } from './commands/statusline.ts';
import { switchCommand } from './commands/switch.ts';
import { taskCommand } from './commands/task.ts';
import { uninstallCommand } from './commands/uninstall.ts';

export const COMMANDS: Command[] = [initCommand, startCommand, planCommand, taskCommand, statusCommand, gatesCommand, reportCommand, completeCommand, metricsCommand, memoryCommand, switchCommand, statuslineCommand, demoCommand, profileCommand, doctorCommand, uninstallCommand];
