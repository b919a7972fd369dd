// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the frames with the most self time.
// Time inside LanceDB's native threads never appears here; on the main thread it shows as "(program)" or "(idle)".
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Frame {
  frame: string;
  selfMs: number;
  share: number;
}

export async function topFrames(path: string, count = 12): Promise<{ totalMs: number; frames: Frame[] }> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules\/|src\/|bench\/)/, '$1');
    // tsx compiles each file to one line, so line numbers say nothing: the function and file do.
    const key = `${functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  });
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const frames = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([frame, ms]) => ({ frame, selfMs: Math.round(ms), share: Number((ms / totalMs).toFixed(3)) }));
  return { totalMs: Math.round(totalMs), frames };
}
