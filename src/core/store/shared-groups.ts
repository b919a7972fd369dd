// Near-duplicate groups that hold more than one chunk: the only ones a hit needs to look up (to list the other
// documents carrying its passage). Shared by the stores, which differ only in how they read the members.
import type { GroupMember } from './index-store.js';

/** Members grouped by near-duplicate group, keeping only groups of two or more chunks. */
export function sharedGroups(members: Iterable<GroupMember>): Map<string, GroupMember[]> {
  const byGroup = new Map<string, GroupMember[]>();
  for (const member of members) {
    const group = byGroup.get(member.dupGroup);
    if (group) group.push(member);
    else byGroup.set(member.dupGroup, [member]);
  }
  for (const [group, list] of byGroup) if (list.length < 2) byGroup.delete(group);
  return byGroup;
}
