/**
 * The endpoint pipe, in KrakenD's order: backends called (one, several in
 * parallel and merged in arrival order, or one after another), each optionally
 * several times concurrently; then the endpoint flatmap, the static data and
 * the core handler that picks the status, the headers and the render.
 *
 * Everything specific to an endpoint (targets, headers, transforms) comes from
 * the generated module as functions and constants; this file holds the
 * generic orchestration only.
 */
import type { Exchange } from './exchange.ts';
import { DEADLINE_EXCEEDED, INTERNAL_SERVER_ERROR, MergedError, ProxyError } from './errors.ts';
import { logMessage } from './log.ts';
import type { Render } from './render.ts';
import { JSON_CONTENT_TYPE, TEXT_CONTENT_TYPE } from './render.ts';
import { celFirstFailure, celRejection, headerLists, requestActivation, responseActivation, type CelChecks } from './cel.ts';
import type { JwtSigner } from './jwt.ts';
import { MergeAccumulator, applyStatic, encodeJson, type Data, type StaticStrategy } from './response-data.ts';
import { state } from './state.ts';
import { BackendCall, type BackendPlan, type ResultSink } from './upstream.ts';

/** Data of the responses gathered so far (sequential endpoints), by backend index. */
export type Results = readonly (Data | null | undefined)[];

/** Builds backend `index`'s request target (`/path?query`) for this request. */
export type TargetBuilder = (index: number, x: Exchange, results: Results) => string;

export type { StaticStrategy };

export interface StaticData {
  readonly strategy: StaticStrategy;
  readonly data: Data;
}

export interface ShadowPlan {
  readonly backend: BackendPlan;
  readonly timeoutMs: number;
}

/** Static description of an endpoint's pipe. */
export interface EndpointPlan {
  readonly noop: false;
  /** The endpoint path as configured (for error log lines). */
  readonly name: string;
  readonly timeoutMs: number;
  /** `public, max-age=N`, or null without cache_ttl. */
  readonly cacheControl: string | null;
  readonly render: Render;
  /** The backends whose responses count (shadow backends excluded). */
  readonly backends: readonly BackendPlan[];
  readonly shadows: readonly ShadowPlan[];
  readonly sequential: boolean;
  readonly target: TargetBuilder;
  /** Endpoint-level flatmap (only with more than one backend). */
  readonly flatmap: ((data: Data | null) => Data | null) | null;
  readonly staticData: StaticData | null;
  /** `auth/signer`: the response's listed values are signed and it is answered without KrakenD's headers. */
  readonly signer: JwtSigner | null;
  /** `validation/json-schema`: the request body must be JSON valid against this (compiled) schema. */
  readonly bodySchema: BodyValidator | null;
  /** `validation/cel` at the endpoint, or null. */
  readonly cel: CelChecks | null;
}

/** A validation function compiled from a JSON schema at build time. */
export interface BodyValidator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}

interface Cancellable {
  readonly settled: boolean;
  cancel(message?: string): void;
}

const NO_RESULTS: Results = [];

/** Starts one backend, with its concurrent calls when configured. */
function startBackend(x: Exchange, plan: BackendPlan, target: string, headers: string[], sink: ResultSink, slot: number, endpointTimeoutMs: number): Cancellable {
  if (plan.concurrent > 1) return new ConcurrentRun(x, plan, target, headers, sink, slot, endpointTimeoutMs * 0.75);
  return new BackendCall(x, plan, target, headers, sink, slot);
}

function concurrentDeadline(run: ConcurrentRun): void {
  run.cancel(DEADLINE_EXCEEDED);
}

/**
 * `concurrent_calls`: the same call N times; the first complete response
 * wins, else the last response and the last error are kept.
 */
class ConcurrentRun implements ResultSink, Cancellable {
  settled = false;
  private readonly calls: BackendCall[] = [];
  private remaining: number;
  private lastData: Data | null | undefined = undefined;
  private lastComplete = false;
  private lastError: ProxyError | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    x: Exchange,
    plan: BackendPlan,
    target: string,
    headers: string[],
    private readonly sink: ResultSink,
    private readonly slot: number,
    timeoutMs: number,
  ) {
    this.remaining = plan.concurrent;
    this.timer = setTimeout(concurrentDeadline, timeoutMs, this);
    for (let i = 0; i < plan.concurrent && !this.settled; i++) this.calls.push(new BackendCall(x, plan, target, headers, this, i));
  }

  accept(_slot: number, data: Data | null | undefined, complete: boolean, error: ProxyError | null): void {
    if (this.settled) return;
    this.remaining--;
    if (error === null && data !== undefined) {
      if (complete) {
        this.finish(data, true, null);
        for (const call of this.calls) call.cancel('context canceled');
        return;
      }
      this.lastData = data;
      this.lastComplete = complete;
    } else if (error !== null) {
      this.lastError = error;
    }
    if (this.remaining === 0) this.finish(this.lastData, this.lastComplete, this.lastError);
  }

  cancel(message = DEADLINE_EXCEEDED): void {
    if (this.settled) return;
    for (const call of this.calls) call.cancel(message);
  }

  private finish(data: Data | null | undefined, complete: boolean, error: ProxyError | null): void {
    this.settled = true;
    clearTimeout(this.timer);
    this.sink.accept(this.slot, data, complete, error);
  }
}

function endpointDeadline(run: EndpointRun): void {
  run.deadline();
}

const IGNORE: ResultSink = { accept() {} };

function shadowDeadline(call: BackendCall): void {
  call.cancel(DEADLINE_EXCEEDED);
}

/** One request through an endpoint's pipe. */
class EndpointRun implements ResultSink {
  private readonly x: Exchange;
  private readonly plan: EndpointPlan;
  private readonly headers: string[];
  private timer: NodeJS.Timeout | null = null;
  private single: Cancellable | null = null;
  private calls: Cancellable[] | null = null;
  private finished = false;
  private deadlineHit = false;
  /** Merge state (several backends). */
  private merger: MergeAccumulator | null = null;
  private reported = 0;
  private errors: ProxyError[] | null = null;
  /** Sequential endpoints: the data of each complete answer so far. */
  private results: (Data | null | undefined)[] | null = null;

  constructor(x: Exchange, plan: EndpointPlan, headers: string[]) {
    this.x = x;
    this.plan = plan;
    this.headers = headers;
  }

  start(): void {
    const plan = this.plan;
    const x = this.x;
    for (const shadow of plan.shadows) this.startShadow(shadow);
    const backends = plan.backends;
    if (backends.length === 1) {
      this.timer = setTimeout(endpointDeadline, plan.timeoutMs, this);
      this.single = startBackend(x, backends[0]!, plan.target(0, x, NO_RESULTS), this.headers, this, 0, plan.timeoutMs);
      return;
    }
    this.timer = setTimeout(endpointDeadline, plan.timeoutMs * 0.85, this);
    this.merger = new MergeAccumulator(backends.length);
    if (plan.sequential) {
      this.results = new Array<Data | null | undefined>(backends.length);
      this.single = startBackend(x, backends[0]!, plan.target(0, x, this.results), this.headers, this, 0, plan.timeoutMs);
      return;
    }
    const calls: Cancellable[] = [];
    this.calls = calls;
    for (let i = 0; i < backends.length && !this.finished; i++) {
      calls.push(startBackend(x, backends[i]!, plan.target(i, x, NO_RESULTS), this.headers, this, i, plan.timeoutMs));
    }
  }

  private startShadow(shadow: ShadowPlan): void {
    const call = new BackendCall(this.x, shadow.backend, this.plan.target(shadow.backend.index, this.x, NO_RESULTS), this.headers, IGNORE, 0);
    if (!call.settled) setTimeout(shadowDeadline, shadow.timeoutMs, call).unref();
  }

  /** The endpoint (or merge) budget ran out: whatever is still running fails. */
  deadline(): void {
    this.timer = null;
    this.deadlineHit = true;
    if (this.single !== null) this.single.cancel(DEADLINE_EXCEEDED);
    if (this.calls !== null) for (const call of this.calls) call.cancel(DEADLINE_EXCEEDED);
  }

  accept(slot: number, data: Data | null | undefined, complete: boolean, error: ProxyError | null): void {
    if (this.finished) return;
    const merger = this.merger;
    if (merger === null) {
      this.done(data, complete, error);
      return;
    }
    this.reported++;
    const results = this.results;
    if (error !== null || data === undefined) {
      const failure = error ?? new ProxyError('invalid response');
      // sequential: a failing first backend fails the whole request
      if (results !== null && slot === 0) {
        this.done(undefined, false, failure);
        return;
      }
      merger.fail(failure);
      (this.errors ??= []).push(failure);
      if (results !== null || this.reported === this.plan.backends.length) this.finishMerge();
      return;
    }
    merger.add(data, complete);
    if (results === null) {
      if (this.reported === this.plan.backends.length) this.finishMerge();
      return;
    }
    const next = slot + 1;
    if (!complete || next === this.plan.backends.length) {
      this.finishMerge();
      return;
    }
    results[slot] = data;
    this.single = startBackend(this.x, this.plan.backends[next]!, this.plan.target(next, this.x, results), this.headers, this, next, this.plan.timeoutMs);
  }

  private finishMerge(): void {
    const { response } = this.merger!.result();
    const errors = this.errors;
    const error = errors === null ? null : new MergedError(errors);
    if (response === null) {
      this.done(undefined, false, error ?? new ProxyError('invalid response'));
      return;
    }
    this.done(response.data, response.complete, error);
  }

  private done(data: Data | null | undefined, complete: boolean, error: ProxyError | null): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.calls !== null) for (const call of this.calls) if (!call.settled) call.cancel('context canceled');
    const plan = this.plan;
    if (plan.flatmap !== null && data !== undefined && error === null) data = plan.flatmap(data);
    const staticData = plan.staticData;
    if (staticData !== null) {
      const result = applyStatic(staticData.strategy, staticData.data, data === undefined ? null : { data, complete }, error !== null);
      if (result !== null) {
        data = result.data;
        complete = result.complete;
      }
    }
    const cel = plan.cel;
    if (cel !== null && cel.post.length > 0 && error === null && data !== undefined) {
      const failed = celFirstFailure(cel.post, responseActivation(data, complete, plan.backends.length === 1 ? 200 : 0));
      if (failed >= 0) {
        data = undefined;
        complete = false;
        error = new ProxyError(celRejection(failed));
      }
    }
    if (plan.signer !== null) {
      signAndRespond(this.x, plan, data, error);
      return;
    }
    try {
      respond(this.x, plan, data, complete, error, this.deadlineHit && plan.backends.length === 1);
    } catch (e) {
      // a failure here is a bug, not a backend problem: answer 500 as the router's recovery does
      logMessage('ERROR', `[ENDPOINT: ${plan.name}] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!this.x.done) this.x.send(500, [], null);
    }
  }
}

function hasKeys(data: Data): boolean {
  for (const key in data) if (Object.prototype.hasOwnProperty.call(data, key)) return true;
  return false;
}

/** Logs an endpoint error the way KrakenD does (one line per merged error). */
export function logEndpointError(name: string, error: ProxyError): void {
  if (error instanceof MergedError) {
    error.errors.forEach((e, i) => logMessage('ERROR', `[ENDPOINT: ${name}] Error #${i}: ${e.message}`));
  } else logMessage('ERROR', `[ENDPOINT: ${name}] ${error.message}`);
}

/** Writes an error that left no response: its status (or 500) and, with return_error_msg, its text. */
export function sendError(x: Exchange, headers: string[], error: ProxyError): void {
  const status = error.statusCode || 500;
  if (state.returnErrorMsg && error.message !== '') {
    headers.push('Content-Type', error.encoding || TEXT_CONTENT_TYPE);
    x.send(status, headers, error.message);
    return;
  }
  x.send(status, headers, null);
}

/** The core handler: status, KrakenD headers, error or render. */
function respond(x: Exchange, plan: EndpointPlan, data: Data | null | undefined, complete: boolean, error: ProxyError | null, expired: boolean): void {
  if (expired && error === null) error = new ProxyError(INTERNAL_SERVER_ERROR);
  const headers = ['X-Krakend', state.versionHeader];
  if (complete && data !== undefined && data !== null && hasKeys(data)) {
    headers.push('X-Krakend-Completed', 'true');
    if (plan.cacheControl !== null) headers.push('Cache-Control', plan.cacheControl);
  } else headers.push('X-Krakend-Completed', 'false');
  if (error !== null) {
    logEndpointError(plan.name, error);
    if (data === undefined) {
      sendError(x, headers, error);
      return;
    }
  }
  plan.render(x, headers, data);
}

/**
 * The token signer's answer: 400 when the pipe failed or signing fails,
 * else the data as JSON with the listed values signed (no KrakenD headers).
 */
function signAndRespond(x: Exchange, plan: EndpointPlan, data: Data | null | undefined, error: ProxyError | null): void {
  if (error !== null || data === undefined) {
    if (error !== null) logMessage('ERROR', `[ENDPOINT: ${plan.name}] proxy response error: ${error.message}`);
    x.send(400, [], null);
    return;
  }
  const body = data ?? {};
  plan.signer!.signFields(body).then(
    () => x.send(200, ['Content-Type', JSON_CONTENT_TYPE], encodeJson(body)),
    (e: Error) => {
      logMessage('ERROR', `[ENDPOINT: ${plan.name}] ${e.message}`);
      x.send(400, [], null);
    },
  );
}

function startRun(x: Exchange, plan: EndpointPlan, headers: string[]): void {
  new EndpointRun(x, plan, headers).start();
}

/**
 * Whether a request body can be streamed to the backend instead of read
 * first: one backend called once, which never has to resend it.
 */
function streamable(plan: EndpointPlan): boolean {
  if (plan.backends.length !== 1 || plan.shadows.length !== 0) return false;
  const b = plan.backends[0]!;
  return b.concurrent === 1 && !b.bodyOnRedirect;
}

/** Why a body fails the endpoint's JSON schema, or null when it passes. */
function bodyProblem(body: Buffer | null, validate: BodyValidator): string | null {
  if (body === null || body.length === 0) return 'could not validate an empty body';
  let data: unknown;
  try {
    data = JSON.parse(body.toString('utf8'));
  } catch (e) {
    return (e as Error).message;
  }
  if (validate(data)) return null;
  return (validate.errors ?? []).map((e) => `- ${e.instancePath === '' ? '(root)' : e.instancePath.slice(1).replace(/\//g, '.')}: ${e.message ?? 'is invalid'}`).join('\n');
}

function validateThenRun(x: Exchange, plan: EndpointPlan, headers: string[]): void {
  const problem = bodyProblem(x.body, plan.bodySchema!);
  if (problem !== null) {
    respond(x, plan, undefined, false, new ProxyError(problem, 400), false);
    return;
  }
  new EndpointRun(x, plan, headers).start();
}

/** The endpoint's request-phase CEL checks; answers the request and returns true when one fails. */
function rejectedByCel(x: Exchange, plan: EndpointPlan, headers: string[]): boolean {
  const cel = plan.cel!;
  const params = Object.create(null) as Record<string, string>;
  cel.paramKeys.forEach((key, i) => (params[key] = x.params[i] ?? ''));
  let query: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  if (cel.query.includes('*')) query = x.queryValues();
  else {
    const all = x.queryValues();
    for (const name of cel.query) if (all[name] !== undefined) query[name] = all[name]!;
  }
  const failed = celFirstFailure(cel.pre, requestActivation(x.method, x.path, params, headerLists(headers), query));
  if (failed < 0) return false;
  respond(x, plan, undefined, false, new ProxyError(celRejection(failed)), false);
  return true;
}

/** Runs an endpoint's pipe for a request (a body several backends need is read first). */
export function proxy(x: Exchange, plan: EndpointPlan, headers: string[]): void {
  if (plan.cel !== null && plan.cel.pre.length > 0 && rejectedByCel(x, plan, headers)) return;
  if (plan.bodySchema !== null) {
    x.readBody((ready) => validateThenRun(ready, plan, headers));
    return;
  }
  if (x.hasBody && x.body === null && !streamable(plan)) {
    x.readBody((ready) => startRun(ready, plan, headers));
    return;
  }
  new EndpointRun(x, plan, headers).start();
}
