// Near-duplicate groups that hold more than one chunk: the only ones a hit needs to look up (to list the other
// documents carrying its passage). Shared by the stores, which differ only in how they read the members.
import type { GroupMember } from './index-store.js';

/**
 * The groups of two or more chunks, from every chunk's group id in order; `memberAt(i)` is only called for chunks in
 * such a group, so a store scanning a large table builds objects for the few shared ones alone.
 */
export function sharedGroups(groupOf: readonly string[], memberAt: (i: number) => GroupMember): Map<string, GroupMember[]> {
  const counts = new Map<string, number>();
  for (const group of groupOf) counts.set(group, (counts.get(group) ?? 0) + 1);
  const byGroup = new Map<string, GroupMember[]>();
  groupOf.forEach((group, i) => {
    if (counts.get(group)! < 2) return;
    const members = byGroup.get(group);
    if (members) members.push(memberAt(i));
    else byGroup.set(group, [memberAt(i)]);
  });
  return byGroup;
}
