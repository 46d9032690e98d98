// The part of js-yaml 4 (which ships no types) that the fast decode path (api/fast-decode.ts) uses.
declare module 'js-yaml' {
  interface TypeOptions {
    kind: 'scalar' | 'sequence' | 'mapping';
    resolve?: (data: string) => boolean;
    construct?: (data: string) => unknown;
  }
  class Type {
    constructor(tag: string, opts: TypeOptions);
  }
  class Schema {
    constructor(def: { implicit?: Type[]; explicit?: Type[] });
  }
  /** What a listener sees of the loader's state: the node's tag and anchor, where it is, the documents so far. */
  interface ListenerState {
    tag: string | null;
    anchor: string | null;
    position: number;
    documents: unknown[];
  }
  interface LoadOptions {
    schema?: Schema;
    filename?: string;
    json?: boolean;
    listener?: (event: 'open' | 'close', state: ListenerState) => void;
  }
  function load(text: string, opts?: LoadOptions): unknown;
  function loadAll(text: string, iterator?: null, opts?: LoadOptions): unknown[];
  const jsyaml: { Type: typeof Type; Schema: typeof Schema; load: typeof load; loadAll: typeof loadAll };
  export default jsyaml;
}
