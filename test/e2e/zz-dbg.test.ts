import { it } from 'vitest';
import { startFakeApi } from './support/fake-api.ts';
import { createGitRepo } from './support/plugin-fixture.ts';
import { runClaude } from './support/run-claude.ts';
it('dbg', async () => {
  const api = await startFakeApi([{ text: 'x' }]);
  const r = await runClaude({ api, cwd: createGitRepo(), prompt: 'hi' });
  const tools = api.mainRequests()[0]!.body!.tools!;
  console.log(tools.map(t => t.name).join(' '));
  const agent = tools.find(t => t.name === 'Agent')!;
  console.log(JSON.stringify(agent, null, 1).slice(0, 12000));
  await api.close();
}, 60000);
