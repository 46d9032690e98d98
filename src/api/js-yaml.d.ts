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
  interface LoadOptions {
    schema?: Schema;
    filename?: string;
    json?: boolean;
    listener?: (event: 'open' | 'close', state: { tag: string | null; anchor: string | null }) => void;
  }
  function load(text: string, opts?: LoadOptions): unknown;
  const jsyaml: { Type: typeof Type; Schema: typeof Schema; load: typeof load };
  export default jsyaml;
}
