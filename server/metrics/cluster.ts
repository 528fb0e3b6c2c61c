import cluster from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { metrics } from "@/lib/metrics";

/**
 * Several serving processes (Node's cluster, PINTU_PROCESSES > 1) share one port, so a scrape
 * lands on any one of them. That process asks the supervisor, which collects every process's
 * counters with prom-client's AggregatorRegistry (summed; process gauges as prom-client
 * aggregates them) and hands the total back. A single process answers from its own registry.
 */
const REQUEST = "pintu:metrics-request";
const RESPONSE = "pintu:metrics-response";
type Message = { type?: string; id?: number; text?: string; error?: string };

/** In the supervisor: answers serving processes' requests for the cluster-wide figures. */
export function superviseClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, message: Message) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: RESPONSE, id: message.id, text }),
      (err: unknown) => worker.send({ type: RESPONSE, id: message.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

let joined = false;
let nextId = 0;
const waiting = new Map<number, (m: Message) => void>();

/** In a serving process of a cluster: registers this process's registry for aggregation. */
function joinCluster(): void {
  if (joined) return;
  joined = true;
  new AggregatorRegistry(); // adds prom-client's listener that answers the supervisor
  AggregatorRegistry.setRegistries([metrics().registry]);
  process.on("message", (message: Message) => {
    if (message?.type === RESPONSE && message.id !== undefined) waiting.get(message.id)?.(message);
  });
}

/** The process metrics in Prometheus text: this process's own, or the whole cluster's. */
export async function processMetrics(): Promise<string> {
  if (!cluster.isWorker || !process.send) return metrics().registry.metrics();
  joinCluster();
  const id = nextId++;
  const reply = await new Promise<Message>((resolve) => {
    const timer = setTimeout(() => resolve({ error: "the supervisor did not answer within 6 s" }), 6_000);
    waiting.set(id, (m) => (clearTimeout(timer), resolve(m)));
    process.send!({ type: REQUEST, id });
  });
  waiting.delete(id);
  if (reply.error !== undefined || reply.text === undefined) throw new Error(`cluster metrics: ${reply.error}`);
  return reply.text;
}

/** Serving processes call this at start, so the supervisor can reach them before their first scrape. */
export function prepareClusterMetrics(): void {
  if (cluster.isWorker) joinCluster();
}
