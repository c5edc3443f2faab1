import { describe, expect, it } from 'vitest';
import { COMMAND_CATALOGUE } from './catalogue';
import { COMMANDS } from './index';

describe('the lazy command catalogue', () => {
  it('lists the commands of the eager registry, in its order', () => {
    expect(COMMAND_CATALOGUE.map((e) => e.name)).toEqual(COMMANDS.map((c) => c.name));
  });

  it.each(COMMAND_CATALOGUE.map((e) => [e.name, e] as const))('%s: its loader gives the same command, with the summary --help prints', async (_name, entry) => {
    const command = await entry.load();
    expect(command).toBe(COMMANDS.find((c) => c.name === entry.name));
    expect(entry.summary).toBe(command.summary);
  });
});
