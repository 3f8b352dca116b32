// Web Worker: hierarchical clustering off the main thread (pure core code, message wiring only).
import { type ClusterJob, runClusterJob } from '../cluster-job';

interface WorkerScope {
  onmessage: ((e: MessageEvent<ClusterJob>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  try {
    const result = runClusterJob(e.data, (axis, fraction) => scope.postMessage({ type: 'progress', axis, fraction }));
    const transfer = [result.rowZ?.buffer, result.colZ?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    scope.postMessage({ type: 'result', result }, transfer);
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
