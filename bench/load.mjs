// Load generator for bench/run.mjs when wrk is not installed: autocannon for
// one URL, printing {"rps", "p99"} (p99 latency in ms) as JSON.
// Usage: node bench/load.mjs URL CONNECTIONS SECONDS
import autocannon from 'autocannon';

const [url, connections = '50', seconds = '10'] = process.argv.slice(2);
const result = await autocannon({ url, connections: Number(connections), duration: Number(seconds), pipelining: 1 });
process.stdout.write(JSON.stringify({ rps: result.requests.average, p99: result.latency.p99, errors: result.errors ? String(result.errors) : '' }) + '\n');
