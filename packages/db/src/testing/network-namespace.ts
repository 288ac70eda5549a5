import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * A network namespace of the test's own, joined to this one by a veth pair: the far end is
 * `farAddress`, this end `nearAddress` (a /30 of 10.201.0.0/16, picked at random). `cut()`
 * sets this end's link down, so packets vanish with no reset (a partition); `heal()` sets it
 * up again. Only addresses inside the pair are used; `remove()` deletes the namespace and
 * with it the pair. Needs root (CI is).
 */
export interface NetworkNamespace {
  name: string;
  nearAddress: string;
  farAddress: string;
  cut(): void;
  heal(): void;
  /** Starts `command` inside the namespace, with `env`; its stdout and stderr are piped. */
  spawn(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable>;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Whether this process may make namespaces (root, with `ip`). */
export function canPartition(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Makes a namespace and its link (see {@link NetworkNamespace}). */
export function createNetworkNamespace(): NetworkNamespace {
  const id = randomBytes(3).toString('hex');
  const name = `pt${id}`;
  const near = `vn${id}`;
  const far = `vf${id}`;
  const block = 4 * Math.floor(Math.random() * 64);
  const subnet = `10.201.${Math.floor(Math.random() * 250) + 1}`;
  const nearAddress = `${subnet}.${block + 1}`;
  const farAddress = `${subnet}.${block + 2}`;
  ip('netns', 'add', name);
  try {
    ip('link', 'add', near, 'type', 'veth', 'peer', 'name', far);
    ip('link', 'set', far, 'netns', name);
    ip('addr', 'add', `${nearAddress}/30`, 'dev', near);
    ip('link', 'set', near, 'up');
    ip('-n', name, 'addr', 'add', `${farAddress}/30`, 'dev', far);
    ip('-n', name, 'link', 'set', far, 'up');
    ip('-n', name, 'link', 'set', 'lo', 'up');
  } catch (error) {
    ip('netns', 'del', name);
    throw error;
  }
  return {
    name,
    nearAddress,
    farAddress,
    cut: () => ip('link', 'set', near, 'down'),
    heal: () => ip('link', 'set', near, 'up'),
    spawn: (command, args, env) =>
      spawn('ip', ['netns', 'exec', name, command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    remove: () => {
      try {
        ip('link', 'del', near);
      } catch {
        // Gone with the namespace already.
      }
      ip('netns', 'del', name);
    },
  };
}
