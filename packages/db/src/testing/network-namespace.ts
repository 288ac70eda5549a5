import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * A network namespace of the test's own, joined to this one by a veth pair: the far end is
 * `farAddress`, this end `nearAddress` (a /30 of 10.201.0.0/16, picked at random). `cut()`
 * and `cutFarEnd()` make a partition, packets that vanish with no reset, seen from one side
 * or the other (see each); `heal()` ends it. Only addresses inside the pair are used; `remove()` deletes the namespace and
 * with it the pair. Needs root (CI is).
 */
export interface NetworkNamespace {
  name: string;
  nearAddress: string;
  farAddress: string;
  /**
   * Sets this end's link down: what the namespace sends vanishes. What this side sends to
   * `farAddress` no longer has the pair's route and takes the default route (on a machine
   * whose gateway answers every connection, a stranger answers): for a client inside the
   * namespace.
   */
  cut(): void;
  /**
   * Sets the far end's link down instead: this end stays up, so what this side sends to
   * `farAddress` still goes into the pair and vanishes there (neither a default route nor a
   * failed neighbour lookup answers it), while the namespace's own sends fail as
   * unreachable. For a server inside the namespace and its clients on this side.
   */
  cutFarEnd(): void;
  /** Sets both ends up again, after either cut. */
  heal(): void;
  /** Starts `command` inside the namespace, with `env`; its stdout and stderr are piped. */
  spawn(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable>;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** A link's hardware address, in `namespace` when given. */
function linkAddress(link: string, namespace?: string): string {
  const args = [...(namespace === undefined ? [] : ['-n', namespace]), '-j', 'link', 'show', link];
  const [shown] = JSON.parse(execFileSync('ip', args, { encoding: 'utf8' })) as { address: string }[];
  return shown!.address;
}

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
    // Permanent neighbours: a cut link never turns into a failed ARP lookup, which the kernel
    // reports as "no route to host" at once, where a partition answers nothing.
    ip('neigh', 'replace', farAddress, 'lladdr', linkAddress(far, name), 'dev', near, 'nud', 'permanent');
    ip('-n', name, 'neigh', 'replace', nearAddress, 'lladdr', linkAddress(near), 'dev', far, 'nud', 'permanent');
  } catch (error) {
    ip('netns', 'del', name);
    throw error;
  }
  return {
    name,
    nearAddress,
    farAddress,
    cut: () => ip('link', 'set', near, 'down'),
    cutFarEnd: () => ip('-n', name, 'link', 'set', far, 'down'),
    heal: () => {
      ip('link', 'set', near, 'up');
      ip('-n', name, 'link', 'set', far, 'up');
    },
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
