/**
 * Request-body schemas (`validation/json-schema`) compiled at build time
 * into standalone validation functions, so the gateway carries the
 * validation code for its schemas and no schema engine.
 */
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import type { Name } from './emit.ts';

export interface BodySchema {
  /** Export name of the validator (a checked identifier). */
  name: Name;
  schema: Record<string, unknown>;
}

export interface CompiledSchemas {
  /** CommonJS module exporting one validator per schema. */
  module: string;
  /** Type declarations for the module. */
  declarations: string;
}

// ajv ships CommonJS: the classes are the modules' `default` exports
type AjvClass = typeof Ajv.default;
const toSource = (standaloneCode as unknown as { default: (ajv: InstanceType<AjvClass>, refs: Record<string, string>) => string }).default;
const withFormats = (addFormats as unknown as { default: (ajv: InstanceType<AjvClass>) => void }).default;

function ajvFor(schema: Record<string, unknown>): { key: string; Class: AjvClass } {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (dialect.includes('2020-12')) return { key: '2020', Class: Ajv2020.default as unknown as AjvClass };
  if (dialect.includes('2019-09')) return { key: '2019', Class: Ajv2019.default as unknown as AjvClass };
  return { key: '07', Class: Ajv.default };
}

/** Compiles the schemas; throws an Error naming the schema that cannot be compiled. */
export function compileBodySchemas(schemas: readonly BodySchema[]): CompiledSchemas {
  const instances = new Map<string, { ajv: InstanceType<AjvClass>; names: Record<string, string> }>();
  for (const { name, schema } of schemas) {
    const { key, Class } = ajvFor(schema);
    let entry = instances.get(key);
    if (entry === undefined) {
      const ajv = new Class({ code: { source: true }, strict: false, validateSchema: false, allErrors: false });
      withFormats(ajv);
      entry = { ajv, names: {} };
      instances.set(key, entry);
    }
    const copy = { ...schema };
    // draft-04/06/07 are checked with the draft-07 vocabulary; the meta-schema itself is not needed
    if (key === '07') delete copy.$schema;
    delete copy.$id;
    try {
      entry.ajv.addSchema(copy, name.text);
      entry.ajv.getSchema(name.text);
    } catch (e) {
      throw new Error(`the JSON schema for ${name.text} cannot be compiled: ${(e as Error).message}`);
    }
    entry.names[name.text] = name.text;
  }
  const parts: string[] = [];
  for (const { ajv, names } of instances.values()) parts.push(toSource(ajv, names).replace(/^"use strict";/, ''));
  const declarations = schemas.map(({ name }) => `export declare const ${name.text}: { (data: unknown): boolean; errors?: { instancePath: string; message?: string }[] | null };`).join('\n');
  return { module: '// Request-body validators generated from the configured JSON schemas.\n' + parts.join('\n'), declarations: declarations + '\n' };
}
