// What every command receives: the runtime, the global flags, and a lazily opened store.
import { join, resolve } from 'node:path';
import type { Store } from '../store/store.js';
import type { Runtime } from './io.js';

export interface GlobalFlags {
  namespace?: string;
  state?: string;
  store?: string;
}

export interface CommandContext extends Runtime {
  flags: GlobalFlags;
  /** The namespace commands act in: -n, else `default`. */
  namespace: string;
  /** True when the user gave -n explicitly. */
  explicitNamespace: boolean;
  /** Opens the store once, on first use (commands like `lint` never call it). */
  openStore(): Promise<Store>;
  close(): Promise<void>;
}

/** --state, else $SVCCTL_STATE, else ~/.svcctl (node:os is loaded only when $HOME is unset). */
export async function stateDir(rt: Runtime, flags: GlobalFlags): Promise<string> {
  const home = async () => rt.io.env.HOME ?? (await import('node:os')).homedir();
  const dir = flags.state ?? rt.io.env.SVCCTL_STATE ?? join(await home(), '.svcctl');
  return resolve(rt.io.cwd, dir);
}

export function makeContext(rt: Runtime, flags: GlobalFlags): CommandContext {
  let opened: Promise<Store> | undefined;
  return {
    ...rt,
    flags,
    // An empty -n is no namespace at all: kubectl falls back to the context's (default).
    namespace: flags.namespace || 'default',
    explicitNamespace: !!flags.namespace,
    openStore() {
      opened ??= openBackend(rt, flags);
      return opened;
    },
    async close() {
      if (opened) await (await opened).close();
    },
  };
}

async function openBackend(rt: Runtime, flags: GlobalFlags): Promise<Store> {
  const url = flags.store ?? rt.io.env.SVCCTL_STORE;
  if (url && url.startsWith('etcd://')) {
    const { EtcdStore } = await import('../store/etcd.js');
    return new EtcdStore(url);
  }
  if (url && url !== 'sqlite') {
    const { SvcctlError } = await import('../errors.js');
    throw SvcctlError.plain(`unsupported --store "${url}": use etcd://HOST:PORT or leave it unset for the embedded store`);
  }
  const { SqliteStore } = await import('../store/sqlite.js');
  return new SqliteStore(await stateDir(rt, flags));
}
