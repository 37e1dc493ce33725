/** The SARIF 2.1.0 JSON schema (draft-04) compiled once for the audit tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const SCHEMA = fileURLToPath(new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url));

// The schema's language-code pattern is not valid with the u flag; compile patterns without it.
const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);

/** Validates a SARIF log; `errors` lists what is wrong (empty when valid). */
export const validateSarif = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
