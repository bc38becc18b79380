import { HeapSnapshotError, parseHeapSnapshot, type HeapGraph, type ParseOptions } from './snapshot-parser.js';

/** One constructor name's instances in a heap snapshot. Bytes are V8 self sizes (shallow). */
export interface ClassAudit {
  name: string;
  instances: number;
  /** Self bytes of the instances themselves (header + in-object fields). */
  selfBytes: number;
  /** Distinct hidden classes (targets of the instances' `map` edges). */
  hiddenClasses: number;
  /** Instances whose properties live in a dictionary (`(object properties)`), V8's per-instance "__dict__". */
  dictionaryInstances: number;
  dictionaryBytes: number;
  /** Instances with a fast out-of-object property store (`system / PropertyArray`): properties added late. */
  propertyArrayInstances: number;
  propertyArrayBytes: number;
  /** selfBytes + dictionaryBytes + propertyArrayBytes: the memory the class's shape decides. */
  totalBytes: number;
  /** totalBytes / instances. */
  bytesPerInstance: number;
  /** Modelled size of one instance with all its properties in-object in one fixed shape. */
  fixedShapeBytesPerInstance: number;
  /** What a fixed shape would save, by the model in docs/heap-audit.md. */
  estimatedSavingsBytes: number;
  /**
   * Bytes held by instances not in the class's one fast shape: in dictionary mode, with a PropertyArray,
   * or on another hidden class than the most common one. The sort key.
   */
  bytesAtStake: number;
}

export interface HeapAudit {
  source: string;
  nodes: number;
  edges: number;
  /** Sorted by bytes at stake, then estimated savings. */
  classes: ClassAudit[];
}

// Layout constants of V8 on 64-bit Node without pointer compression (docs/heap-audit.md).
const POINTER = 8;
const JS_OBJECT_HEADER = 24;
const PROPERTY_ARRAY_HEADER = 16;
/** FixedArray header (16) + HashTable prefix (3 slots) + NameDictionary prefix (3 slots). */
const NAME_DICTIONARY_HEADER = 64;
const NAME_DICTIONARY_ENTRY = 3 * POINTER;
/** Dictionaries run between 1/4 and 2/3 full; measured normalized objects average ~0.4 entries per slot. */
const DICTIONARY_FILL = 0.4;

/** Instances whose V8 names are engine internals, not classes. */
function isInternalName(name: string): boolean {
  return name.startsWith('system / ');
}

/** What the audit needs from a snapshot; dropping the rest keeps parsing memory small. */
export const auditParseOptions: ParseOptions = {
  keepEdge: (fromNodeType, edgeType) => fromNodeType === 'object' && edgeType === 'internal',
  keepNodeName: (nodeType) => nodeType === 'object' || nodeType === 'array' || nodeType === 'hidden',
};

/** Out-of-object slots an instance probably uses: the array grows 3 slots at a time, so assume one spare. */
function usedPropertyArraySlots(bytes: number): number {
  const capacity = Math.max(0, Math.round((bytes - PROPERTY_ARRAY_HEADER) / POINTER));
  return Math.max(capacity - 1, Math.min(capacity, 1));
}

function dictionaryProperties(bytes: number): number {
  const capacity = Math.max(0, (bytes - NAME_DICTIONARY_HEADER) / NAME_DICTIONARY_ENTRY);
  return Math.max(1, Math.round(capacity * DICTIONARY_FILL));
}

interface MapTally {
  instances: number;
  /** Bytes of all its instances (instance + property store). */
  bytes: number;
  /** The part of `bytes` held by instances with a dictionary or a PropertyArray. */
  withStoreBytes: number;
  /** Instances with fast properties, and their modelled fixed-shape bytes. */
  fast: number;
  fastFixedBytes: number;
}

class ClassTally {
  instances = 0;
  selfBytes = 0;
  dictionaryInstances = 0;
  /** Instance self + dictionary bytes of dictionary-mode instances. */
  dictionaryTotal = 0;
  dictionaryBytes = 0;
  dictionaryProperties = 0;
  propertyArrayInstances = 0;
  propertyArrayBytes = 0;
  propertyArraySavings = 0;
  readonly maps = new Map<number, MapTally>();
}

function finish(name: string, tally: ClassTally): ClassAudit {
  // A fixed shape looks like the class's most common fast shape with its late properties moved in-object.
  let common: MapTally | undefined;
  let dominant: MapTally | undefined;
  for (const map of tally.maps.values()) {
    if (map.fast > 0 && (!common || map.fast > common.fast)) common = map;
    if (!dominant || map.instances > dominant.instances) dominant = map;
  }
  let bytesAtStake = 0;
  for (const map of tally.maps.values()) bytesAtStake += map === dominant ? map.withStoreBytes : map.bytes;
  const fixed = common
    ? common.fastFixedBytes / common.fast
    : JS_OBJECT_HEADER + POINTER * Math.round(tally.dictionaryProperties / Math.max(1, tally.dictionaryInstances));
  const dictionarySavings = Math.max(0, tally.dictionaryTotal - tally.dictionaryInstances * fixed);
  const totalBytes = tally.selfBytes + tally.dictionaryBytes + tally.propertyArrayBytes;
  let hiddenClasses = tally.maps.size;
  if (tally.maps.has(-1)) hiddenClasses--;
  return {
    name,
    instances: tally.instances,
    selfBytes: tally.selfBytes,
    hiddenClasses,
    dictionaryInstances: tally.dictionaryInstances,
    dictionaryBytes: tally.dictionaryBytes,
    propertyArrayInstances: tally.propertyArrayInstances,
    propertyArrayBytes: tally.propertyArrayBytes,
    totalBytes,
    bytesPerInstance: totalBytes / tally.instances,
    fixedShapeBytesPerInstance: Math.round(fixed),
    estimatedSavingsBytes: Math.round(dictionarySavings + tally.propertyArraySavings),
    bytesAtStake,
  };
}

function compareByBytesAtStake(a: ClassAudit, b: ClassAudit): number {
  return (
    b.bytesAtStake - a.bytesAtStake ||
    b.estimatedSavingsBytes - a.estimatedSavingsBytes ||
    b.totalBytes - a.totalBytes ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** Groups `object` nodes by constructor name and reads each one's map and property store edges. */
export function auditHeapGraph(graph: HeapGraph, source: string): HeapAudit {
  const objectType = graph.nodeTypeNames.indexOf('object');
  const arrayType = graph.nodeTypeNames.indexOf('array');
  const internalEdge = graph.edgeTypeNames.indexOf('internal');
  if (objectType < 0 || internalEdge < 0) {
    throw new HeapSnapshotError(`${source}: unsupported heap snapshot format: no "object" node type or "internal" edge type`);
  }
  const { nodeType, nodeName, nodeSelfSize, firstEdge, edgeType, edgeName, edgeTo, strings } = graph;
  const tallies = new Map<string, ClassTally>();
  for (let n = 0; n < graph.nodeCount; n++) {
    if (nodeType[n] !== objectType) continue;
    const name = strings[nodeName[n]];
    if (isInternalName(name)) continue;
    let map = -1;
    let properties = -1;
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
      if (edgeType[e] !== internalEdge) continue;
      const edge = strings[edgeName[e]];
      if (edge === 'map') map = edgeTo[e];
      else if (edge === 'properties') properties = edgeTo[e];
    }
    let tally = tallies.get(name);
    if (!tally) tallies.set(name, (tally = new ClassTally()));
    let mapTally = tally.maps.get(map);
    if (!mapTally) tally.maps.set(map, (mapTally = { instances: 0, bytes: 0, withStoreBytes: 0, fast: 0, fastFixedBytes: 0 }));
    const self = nodeSelfSize[n];
    tally.instances++;
    tally.selfBytes += self;
    mapTally.instances++;
    mapTally.bytes += self;
    const store = properties < 0 ? '' : strings[nodeName[properties]];
    if (store === '(object properties)' && nodeType[properties] === arrayType) {
      const bytes = nodeSelfSize[properties];
      tally.dictionaryInstances++;
      tally.dictionaryBytes += bytes;
      tally.dictionaryTotal += self + bytes;
      tally.dictionaryProperties += dictionaryProperties(bytes);
      mapTally.bytes += bytes;
      mapTally.withStoreBytes += self + bytes;
      continue;
    }
    let fixed = self;
    if (store === 'system / PropertyArray') {
      const bytes = nodeSelfSize[properties];
      const used = usedPropertyArraySlots(bytes);
      tally.propertyArrayInstances++;
      tally.propertyArrayBytes += bytes;
      tally.propertyArraySavings += Math.max(0, bytes - POINTER * used);
      fixed += POINTER * used;
      mapTally.bytes += bytes;
      mapTally.withStoreBytes += self + bytes;
    }
    mapTally.fast++;
    mapTally.fastFixedBytes += fixed;
  }
  const classes = [...tallies].map(([name, tally]) => finish(name, tally)).sort(compareByBytesAtStake);
  return { source, nodes: graph.nodeCount, edges: graph.edgeCount, classes };
}

/** Streams the snapshot and audits it; only the audit's slice of the graph is kept in memory. */
export async function auditSnapshotFile(file: string): Promise<HeapAudit> {
  return auditHeapGraph(await parseHeapSnapshot(file, auditParseOptions), file);
}

export interface ClassDiff {
  name: string;
  before: ClassAudit | null;
  after: ClassAudit | null;
  /** after.totalBytes - before.totalBytes (a missing side counts as 0). */
  totalBytesDelta: number;
}

export interface HeapAuditDiff {
  before: string;
  after: string;
  /** Sorted by the size of the change in total bytes. */
  classes: ClassDiff[];
}

export function diffAudits(before: HeapAudit, after: HeapAudit): HeapAuditDiff {
  const names = new Set([...before.classes, ...after.classes].map((entry) => entry.name));
  const beforeByName = new Map(before.classes.map((entry) => [entry.name, entry]));
  const afterByName = new Map(after.classes.map((entry) => [entry.name, entry]));
  const classes = [...names].map((name): ClassDiff => {
    const b = beforeByName.get(name) ?? null;
    const a = afterByName.get(name) ?? null;
    return { name, before: b, after: a, totalBytesDelta: (a?.totalBytes ?? 0) - (b?.totalBytes ?? 0) };
  });
  classes.sort(
    (x, y) =>
      Math.abs(y.totalBytesDelta) - Math.abs(x.totalBytesDelta) ||
      Math.max(y.before?.totalBytes ?? 0, y.after?.totalBytes ?? 0) - Math.max(x.before?.totalBytes ?? 0, x.after?.totalBytes ?? 0) ||
      (x.name < y.name ? -1 : 1),
  );
  return { before: before.source, after: after.source, classes };
}

/** Audits two snapshots one after the other, so only one graph is in memory at a time. */
export async function diffSnapshotFiles(before: string, after: string): Promise<HeapAuditDiff> {
  const beforeAudit = await auditSnapshotFile(before);
  return diffAudits(beforeAudit, await auditSnapshotFile(after));
}
