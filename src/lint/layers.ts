// Rule ids of the per-document layers (decoding, schema, apiserver), beside the cross-object rules.
import type { RuleInfo } from './types.js';

export const LAYER_RULES = {
  yamlSyntax: { id: 'yaml-syntax', severity: 'error', description: 'The document is not valid YAML or JSON.' },
  duplicateKey: { id: 'duplicate-key', severity: 'error', description: 'A map repeats a key (refused by strict decoding).' },
  typeMeta: { id: 'type-meta', severity: 'error', description: 'apiVersion or kind is missing or not a string.' },
  readError: { id: 'read-error', severity: 'error', description: 'The file could not be read (binary, too large, not UTF-8).' },
  unknownField: { id: 'schema-unknown-field', severity: 'error', description: 'A field the schema does not define (kubectl --validate=strict).' },
  schemaType: { id: 'schema-type', severity: 'error', description: 'A field of the wrong JSON type.' },
  schemaRequired: { id: 'schema-required', severity: 'error', description: 'A field the schema requires is missing.' },
  apiserver: { id: 'apiserver-validation', severity: 'error', description: 'kube-apiserver would refuse the object (the error apply prints).' },
  apiserverOther: { id: 'apiserver-error', severity: 'error', description: 'kube-apiserver would refuse the object for another reason.' },
  unknownKind: { id: 'unknown-kind', severity: 'error', description: 'Kind unknown to svcctl and not defined by a CRD in the input (--reject-unknown).' },
  crdSchema: { id: 'crd-schema', severity: 'error', description: "A custom resource does not match its CRD's openAPIV3Schema." },
} satisfies Record<string, RuleInfo>;
