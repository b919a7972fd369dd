import { readdirSync, readFileSync } from 'node:fs';

/** This process's threads and their niceness, from /proc (Linux only; field 19 of a task's stat line). */
export function threadNiceness(): Map<number, number> {
  const tasks = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
    const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
    // The thread's name, in brackets, may hold spaces: count fields after it.
    tasks.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return tasks;
}
