/**
 * The seeds' experiment, one pattern per directory: original.js (as people write it) and ideal.js
 * (hand-written fixed shape). The migrated form is produced from original.js at bench time.
 * Each pattern carries the issue's targets that are specific to it.
 */
export const patterns = [
  { id: 'late-additions', title: 'Properties added after construction', minBytesRatio: 1 / 0.7, bytesGoal: 'at least 30% fewer bytes/object' },
  { id: 'delete', title: '`delete` (dictionary mode)', minBytesRatio: 8, bytesGoal: 'at least 8x fewer bytes/object' },
  { id: 'conditional-init', title: 'Conditional initialization (several hidden classes)', minReadRatio: 2.5 },
  { id: 'dictionary', title: 'Per-instance dictionary vs Map', minBytesRatio: 8, bytesGoal: 'at least 8x fewer bytes/object' },
  { id: 'double-fields', title: 'Late-added double fields' },
];
