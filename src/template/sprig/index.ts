/**
 * The template function library of KrakenD's flexible configuration: every
 * Sprig v3.2.3 function with Go's semantics, plus KrakenD's `marshal` and
 * `include`.
 */

import type { FunctionMap } from '../go/function.ts';
import { cryptoFunctions } from './crypto.ts';
import { dateFunctions } from './dates.ts';
import { defaultFunctions } from './defaults.ts';
import { dictFunctions } from './dicts.ts';
import { encodingFunctions } from './encoding.ts';
import { krakendFunctions } from './flexible.ts';
import { listFunctions } from './lists.ts';
import { mathFunctions } from './math.ts';
import { pathFunctions } from './paths.ts';
import { regexFunctions } from './regex.ts';
import { semverFunctions } from './semver.ts';
import { stringFunctions } from './strings.ts';
import { systemFunctions } from './system.ts';
import { urlFunctions } from './url.ts';

export { GoTime, GoDuration } from './time.ts';
export { Certificate } from './x509.ts';
export { Version } from './semver.ts';
export { marshal } from './flexible.ts';

function library(env: NodeJS.ProcessEnv): FunctionMap {
  return {
    ...stringFunctions(),
    ...listFunctions(),
    ...dictFunctions(),
    ...mathFunctions(),
    ...defaultFunctions(),
    ...encodingFunctions(),
    ...pathFunctions(),
    ...systemFunctions(env),
    ...dateFunctions(),
    ...cryptoFunctions(),
    ...regexFunctions(),
    ...semverFunctions(),
    ...urlFunctions(),
  };
}

/** Every Sprig v3.2.3 function (210 names); `env`/`expandenv` read the process environment. */
export function sprigFunctions(): FunctionMap {
  return library(process.env);
}

/**
 * The functions KrakenD's flexible configuration offers: Sprig plus `marshal`
 * and `include` (partials read from `partialsDir`); `env`/`expandenv` read
 * `env` (default: the process environment).
 */
export function flexibleFunctions(options: { partialsDir?: string; env?: NodeJS.ProcessEnv } = {}): FunctionMap {
  return { ...library(options.env ?? process.env), ...krakendFunctions(options.partialsDir) };
}
