// The embedded default Store: one SQLite file in WAL mode. Every transaction takes the write lock
// up front (BEGIN IMMEDIATE), so concurrent svcctl processes serialise their writes and never lose
// one; a process killed mid-transaction leaves the last committed state.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { KubeObject } from '../api/types.js';
import { VIEW_VERSION, viewOf } from '../controllers/views.js';
import { type Store, type StoreTxn, StoreError, clone, hasLabels, isControlledByName, prefixEnd } from './store.js';

const require = createRequire(import.meta.url);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS objects (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  mod_revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO meta (name, value) VALUES ('revision', 0);
`;

/** The views' table: the view's JSON, and its `content` text (controllers/views) kept as is. */
const VIEWS_TABLE = `
CREATE TABLE IF NOT EXISTS views (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  content TEXT
) WITHOUT ROWID;
`;

/**
 * The views (controllers/views) of pods, Endpoints and EndpointSlices are kept beside them,
 * written in the same transaction, in a table of their own: a full resync reads the views' small
 * b-tree, never the objects' pages. Not an option a caller could leave out: an object written
 * without its view would be missed by every reader of views.
 */
const VIEWED_PREFIXES = ['/registry/pods/', '/registry/services/endpoints/', '/registry/endpointslices/'];
const viewed = (key: string): boolean => VIEWED_PREFIXES.some((p) => key.startsWith(p));
/** Pods' views have no `content`: their values are read alone (a row array each cost as much as the read). */
const withoutContent = (prefix: string): boolean => prefix.startsWith('/registry/pods/');

export class SqliteStore implements Store {
  private db: Database.Database;
  private stmts: ReturnType<SqliteStore['prepare']>;
  private busy: Promise<unknown> = Promise.resolve();
  /** listLabeled's statements by number of labels. */
  private readonly labeled = new Map<number, Database.Statement<unknown[], string>>();

  /** Opens (creating if needed) `<dir>/state.db`. */
  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    // Naming the addon directly skips the `bindings` package's search of a dozen paths.
    const nativeBinding = require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
    this.db = new Database(join(dir, 'state.db'), { timeout: 30000, nativeBinding });
    // Pages of 16 KiB keep a pod (1-4 KB of JSON) inside its b-tree page: at SQLite's default 4 KiB,
    // a WITHOUT ROWID row over ~1 KB spills into overflow pages, and reading every pod took twice
    // as long. Only a new database takes it; an existing one keeps the size it was made with.
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.db.exec(VIEWS_TABLE);
    this.ensureViews();
    this.stmts = this.prepare();
  }

  /**
   * Rebuilds the views unless this version of controllers/views made them and kept them with every
   * write since: a state file from before views were kept, or last written by a svcctl that did
   * not keep them, has them missing or stale. Checked again under the write lock: another process
   * may have rebuilt them meanwhile.
   */
  private ensureViews(): void {
    const meta = this.db.prepare<[string], number>('SELECT value FROM meta WHERE name = ?').pluck();
    const current = () => meta.get('views') === VIEW_VERSION && meta.get('views_revision') === meta.get('revision');
    if (current()) return;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      if (!current()) {
        // Made again: another version may have kept other columns.
        this.db.exec('DROP TABLE views');
        this.db.exec(VIEWS_TABLE);
        this.stmts = this.prepare(); // putView's
        // In pages: a statement being stepped through blocks every write on the connection.
        const page = this.db.prepare<[string, string], { key: string; value: string }>(
          'SELECT key, value FROM objects WHERE key > ? AND key < ? ORDER BY key LIMIT 1000',
        );
        for (const prefix of VIEWED_PREFIXES) {
          const end = prefixEnd(prefix);
          for (let after = prefix, rows = page.all(after, end); rows.length; rows = page.all(after, end)) {
            for (const row of rows) this.putView(row.key, JSON.parse(row.value) as KubeObject);
            after = rows[rows.length - 1].key;
          }
        }
        const setMeta = this.db.prepare<[string, number]>('INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value');
        setMeta.run('views', VIEW_VERSION);
        setMeta.run('views_revision', meta.get('revision')!);
      }
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  private prepare() {
    const db = this.db;
    return {
      get: db.prepare<[string], { value: string; mod_revision: number }>(
        'SELECT value, mod_revision FROM objects WHERE key = ?',
      ),
      // Whether a key is there, and at which revision, without reading its value.
      revisionOf: db.prepare<[string], number>('SELECT mod_revision FROM objects WHERE key = ?').pluck(),
      // Values only (pluck), each parsed as it is stepped to: no array of rows or texts in between.
      range: db.prepare<[string, string], string>('SELECT value FROM objects WHERE key >= ? AND key < ? ORDER BY key').pluck(),
      controlled: db
        .prepare<[string, string, string, string], string>(
          `SELECT o.value FROM objects AS o WHERE o.key >= ? AND o.key < ? AND EXISTS (
             SELECT 1 FROM json_each(o.value, '$.metadata.ownerReferences') AS r
             WHERE json_extract(r.value, '$.controller') = 1 AND json_extract(r.value, '$.kind') = ? AND json_extract(r.value, '$.name') = ?
           ) ORDER BY o.key`,
        )
        .pluck(),
      upsert: db.prepare<[string, string, number]>(
        'INSERT INTO objects (key, value, mod_revision) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, mod_revision = excluded.mod_revision',
      ),
      del: db.prepare<[string]>('DELETE FROM objects WHERE key = ?'),
      delRange: db.prepare<[string, string]>('DELETE FROM objects WHERE key >= ? AND key < ?'),
      putView: db.prepare<[string, string, string | null]>(
        'INSERT INTO views (key, value, content) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, content = excluded.content',
      ),
      viewRange: db.prepare<[string, string], [string, string | null]>('SELECT value, content FROM views WHERE key >= ? AND key < ? ORDER BY key').raw(),
      viewValues: db.prepare<[string, string], string>('SELECT value FROM views WHERE key >= ? AND key < ? ORDER BY key').pluck(),
      delView: db.prepare<[string]>('DELETE FROM views WHERE key = ?'),
      delViewRange: db.prepare<[string, string]>('DELETE FROM views WHERE key >= ? AND key < ?'),
      rev: db.prepare<[], { value: number }>("SELECT value FROM meta WHERE name = 'revision'"),
      setRev: db.prepare<[number]>("UPDATE meta SET value = ? WHERE name = 'revision'"),
      // The revision the views are kept up to: the same as the store's after every write here.
      setViewsRev: db.prepare<[number]>("UPDATE meta SET value = ? WHERE name = 'views_revision'"),
    };
  }

  async get(key: string): Promise<KubeObject | undefined> {
    const row = this.stmts.get.get(key);
    return row ? (JSON.parse(row.value) as KubeObject) : undefined;
  }

  async list(prefix: string): Promise<KubeObject[]> {
    const out: KubeObject[] = [];
    for (const value of this.stmts.range.iterate(prefix, prefixEnd(prefix))) out.push(JSON.parse(value) as KubeObject);
    return out;
  }

  /** Stores the view of the object at `key` (none for an object of a kind without views). */
  private putView(key: string, obj: KubeObject): void {
    const view = viewOf(obj);
    if (!view) {
      this.stmts.delView.run(key);
      return;
    }
    const { content, ...rest } = view as KubeObject & { content?: string };
    this.stmts.putView.run(key, JSON.stringify(rest), content ?? null);
  }

  /** The views under `prefix` (see controllers/views), in key order; undefined where none are kept. */
  async listViews(prefix: string): Promise<KubeObject[] | undefined> {
    if (!viewed(prefix)) return undefined;
    const out: KubeObject[] = [];
    if (withoutContent(prefix)) {
      for (const value of this.stmts.viewValues.iterate(prefix, prefixEnd(prefix))) out.push(JSON.parse(value) as KubeObject);
      return out;
    }
    for (const [value, content] of this.stmts.viewRange.iterate(prefix, prefixEnd(prefix))) {
      const view = JSON.parse(value) as KubeObject;
      if (content !== null) view.content = content;
      out.push(view);
    }
    return out;
  }

  /**
   * list(prefix) narrowed to objects carrying every label of `labels`, filtered inside SQLite
   * (json_extract on the stored text), so only the matches are parsed: a Service in a namespace of
   * thousands of pods reads the few it selects.
   */
  async listLabeled(prefix: string, labels: Record<string, string>): Promise<KubeObject[]> {
    const pairs = Object.entries(labels);
    // A key SQLite's JSON path syntax cannot quote as is (never a valid label key) is filtered here.
    if (pairs.length === 0 || pairs.some(([k]) => /["\\]/.test(k))) return (await this.list(prefix)).filter((o) => hasLabels(o, labels));
    const sql = `SELECT value FROM objects WHERE key >= ? AND key < ?${pairs.map(() => ' AND json_extract(value, ?) = ?').join('')} ORDER BY key`;
    let stmt = this.labeled.get(pairs.length);
    if (!stmt) this.labeled.set(pairs.length, (stmt = this.db.prepare<unknown[], string>(sql).pluck()));
    const args: string[] = [prefix, prefixEnd(prefix)];
    for (const [k, v] of pairs) args.push(`$.metadata.labels."${k}"`, v);
    const out: KubeObject[] = [];
    for (const value of stmt.iterate(...args)) {
      const obj = JSON.parse(value) as KubeObject;
      if (hasLabels(obj, labels)) out.push(obj); // the stored text decides, as list() would
    }
    return out;
  }

  /** list(prefix) narrowed, inside SQLite, to the objects whose controller is `kind`/`name`. */
  async listControlledBy(prefix: string, kind: string, name: string): Promise<KubeObject[]> {
    const out: KubeObject[] = [];
    for (const value of this.stmts.controlled.iterate(prefix, prefixEnd(prefix), kind, name)) {
      const obj = JSON.parse(value) as KubeObject;
      if (isControlledByName(obj, kind, name)) out.push(obj);
    }
    return out;
  }

  async revision(): Promise<number> {
    return this.stmts.rev.get()!.value;
  }

  transaction<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<T> {
    // One transaction per connection at a time; later callers in this process wait their turn.
    const run = this.busy.then(() => this.runTxn(fn));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async runTxn<T>(fn: (tx: StoreTxn) => Promise<T>): Promise<T> {
    const s = this.stmts;
    this.db.exec('BEGIN IMMEDIATE');
    let wrote = false;
    try {
      const next = s.rev.get()!.value + 1;
      const write = (key: string, obj: KubeObject): KubeObject => {
        const out = clone(obj);
        out.metadata = { ...out.metadata, resourceVersion: String(next) };
        s.upsert.run(key, JSON.stringify(out), next);
        if (viewed(key)) this.putView(key, out);
        wrote = true;
        return out;
      };
      const tx: StoreTxn = {
        get: (key) => this.get(key),
        list: (prefix) => this.list(prefix),
        listLabeled: (prefix, labels) => this.listLabeled(prefix, labels),
        listControlledBy: (prefix, kind, name) => this.listControlledBy(prefix, kind, name),
        listViews: (prefix) => this.listViews(prefix),
        create: async (key, obj) => {
          if (s.revisionOf.get(key) !== undefined) throw new StoreError('AlreadyExists', key);
          return write(key, obj);
        },
        update: async (key, obj) => {
          const rev = s.revisionOf.get(key);
          if (rev === undefined) throw new StoreError('NotFound', key);
          const want = obj.metadata?.resourceVersion;
          if (want && want !== String(rev)) throw new StoreError('Conflict', key);
          return write(key, obj);
        },
        put: async (key, obj) => write(key, obj),
        delete: async (key) => {
          const changed = s.del.run(key).changes > 0;
          if (changed && viewed(key)) s.delView.run(key);
          wrote ||= changed;
          return changed;
        },
        deletePrefix: async (prefix) => {
          const n = s.delRange.run(prefix, prefixEnd(prefix)).changes;
          // A prefix above the viewed ones ('/registry/') takes their views too.
          if (n > 0) s.delViewRange.run(prefix, prefixEnd(prefix));
          wrote ||= n > 0;
          return n;
        },
      };
      const result = await fn(tx);
      if (wrote) {
        s.setRev.run(next);
        s.setViewsRev.run(next);
      }
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
