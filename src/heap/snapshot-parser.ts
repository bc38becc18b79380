import { createReadStream } from 'node:fs';

/*
 * A streaming reader for V8 heap snapshots (`v8.writeHeapSnapshot()`, Chrome DevTools, `--heapsnapshot-signal`).
 *
 * Why hand-written: snapshots reach gigabytes, far past what `JSON.parse` (or a JS string) can hold, and no
 * maintained streaming JSON parser fits: generic ones allocate a JS value per number, which is exactly the
 * cost to avoid for arrays of hundreds of millions of integers. The format is fixed and simple: one object
 * whose `snapshot` header describes, in `snapshot.meta`, the flat integer arrays `nodes` and `edges`, then
 * `strings`. So this reads bytes, parses the header with JSON.parse, decodes the integer arrays straight
 * into typed arrays and skips sections it does not use (`trace_function_infos`, `trace_tree`, `samples`,
 * `locations`, anything unknown).
 */

export class HeapSnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeapSnapshotError';
  }
}

/**
 * The parsed graph, column-wise. Edges are stored in CSR form: the edges of node `n` are
 * `firstEdge[n] .. firstEdge[n + 1] - 1`, and `edgeTo` holds node indices (not array offsets).
 * With `keepEdge` only the kept edges are stored; with `keepNodeName`, names of other nodes read as ''.
 */
export interface HeapGraph {
  nodeCount: number;
  /** Edges in the file, kept or not. */
  edgeCount: number;
  nodeTypeNames: readonly string[];
  edgeTypeNames: readonly string[];
  nodeType: Uint8Array;
  nodeName: Uint32Array;
  nodeSelfSize: Float64Array;
  firstEdge: Uint32Array;
  edgeType: Uint8Array;
  /** A string index, or an element/hidden index for those edge types. */
  edgeName: Uint32Array;
  edgeTo: Uint32Array;
  strings: string[];
}

export interface ParseOptions {
  /** Which edges to store. Asked once per (from-node type, edge type) pair. Default: all. */
  keepEdge?: (fromNodeType: string, edgeType: string) => boolean;
  /** Whose names to decode. Asked once per node type. Default: all. Skipping string nodes saves most memory. */
  keepNodeName?: (nodeType: string) => boolean;
}

// Field names of snapshot.meta this reader knows. Unknown ones mean a format it was not written for.
const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'];
const REQUIRED_NODE_FIELDS = ['type', 'name', 'self_size', 'edge_count'];
const EDGE_FIELDS = ['type', 'name_or_index', 'to_node'];

// Edge types whose name_or_index is an index, not a string id (V8 heap-snapshot-generator.cc).
const INDEX_NAMED_EDGE_TYPES = new Set(['element', 'hidden']);

const enum Mode {
  Start,
  BeforeKey,
  Key,
  Colon,
  Skip,
  IntArray,
  StringArray,
  Done,
}

const enum Role {
  Ignore,
  Type,
  Name,
  SelfSize,
  EdgeCount,
  ToNode,
}

const enum Num {
  ExpectOpen,
  ExpectValueOrClose,
  InNumber,
  AfterValue,
  AfterComma,
}

const BATCH = 1 << 16;
const MAX_U32 = 0xffff_ffff;

interface Meta {
  nodeFieldCount: number;
  edgeFieldCount: number;
  nodeRoles: Role[];
  edgeRoles: Role[];
  nodeTypeNames: string[];
  edgeTypeNames: string[];
  nodeCountHint: number;
  edgeCountHint: number;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

function grow<T extends Uint8Array | Uint32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2, 1024));
  next.set(array);
  return next;
}

function parseMeta(header: unknown): Meta {
  const snapshot = header as { meta?: Record<string, unknown>; node_count?: unknown; edge_count?: unknown } | null;
  const meta = snapshot?.meta;
  if (typeof meta !== 'object' || meta === null) throw new HeapSnapshotError('not a V8 heap snapshot: "snapshot.meta" is missing');
  const nodeFields = stringList(meta.node_fields, 'node_fields');
  const edgeFields = stringList(meta.edge_fields, 'edge_fields');
  checkFields(nodeFields, NODE_FIELDS, REQUIRED_NODE_FIELDS, 'node');
  checkFields(edgeFields, EDGE_FIELDS, EDGE_FIELDS, 'edge');
  const nodeTypes = meta.node_types as unknown[] | undefined;
  const edgeTypes = meta.edge_types as unknown[] | undefined;
  const nodeTypeNames = stringList(Array.isArray(nodeTypes) ? nodeTypes[nodeFields.indexOf('type')] : undefined, 'node_types[type]');
  const edgeTypeNames = stringList(Array.isArray(edgeTypes) ? edgeTypes[edgeFields.indexOf('type')] : undefined, 'edge_types[type]');
  if (nodeTypeNames.length > 255 || edgeTypeNames.length > 255) throw new HeapSnapshotError('unsupported heap snapshot format: more than 255 node or edge types');
  const nodeRole: Record<string, Role> = { type: Role.Type, name: Role.Name, self_size: Role.SelfSize, edge_count: Role.EdgeCount };
  const edgeRole: Record<string, Role> = { type: Role.Type, name_or_index: Role.Name, to_node: Role.ToNode };
  const hint = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : -1);
  return {
    nodeFieldCount: nodeFields.length,
    edgeFieldCount: edgeFields.length,
    nodeRoles: nodeFields.map((field) => nodeRole[field] ?? Role.Ignore),
    edgeRoles: edgeFields.map((field) => edgeRole[field]),
    nodeTypeNames,
    edgeTypeNames,
    nodeCountHint: hint(snapshot?.node_count),
    edgeCountHint: hint(snapshot?.edge_count),
  };
}

function stringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new HeapSnapshotError(`unsupported heap snapshot format: snapshot.meta.${what} is not a list of names`);
  }
  return value;
}

function checkFields(fields: string[], known: string[], required: string[], kind: string): void {
  for (const field of fields) {
    if (!known.includes(field)) {
      throw new HeapSnapshotError(
        `unsupported heap snapshot format: unknown ${kind} field "${field}" in snapshot.meta.${kind}_fields (known: ${known.join(', ')})`,
      );
    }
  }
  for (const field of required) {
    if (!fields.includes(field)) throw new HeapSnapshotError(`unsupported heap snapshot format: snapshot.meta.${kind}_fields lacks "${field}"`);
  }
  if (new Set(fields).size !== fields.length) throw new HeapSnapshotError(`unsupported heap snapshot format: duplicate ${kind} field`);
}

/** The resumable byte-level state machine. Feed it chunks with push(), then call end(). */
export class HeapSnapshotParser {
  private readonly options: ParseOptions;
  private mode = Mode.Start;
  /** Bytes consumed before the current chunk, for error positions. */
  private offset = 0;
  private section = '';
  private keyBytes: Buffer[] = [];
  private seenKeys = new Set<string>();

  // Skip / capture state (for the header and unused sections).
  private skipDepth = 0;
  private skipInString = false;
  private skipEscape = false;
  private capture: Buffer[] | null = null;

  // Integer array state.
  private numState = Num.ExpectOpen;
  private num = 0;
  private readonly batch = new Float64Array(BATCH);
  private batchLength = 0;
  private sink: ((batch: Float64Array, length: number) => void) | null = null;

  // String array state.
  private strState = Num.ExpectOpen;
  private inString = false;
  private stringEscaped = false;
  private stringHasEscape = false;
  private stringPieces: Buffer[] = [];
  private quoteAt = -1;
  private backslashAt = -1;

  private meta: Meta | null = null;
  private keepNameOfType: Uint8Array = new Uint8Array(0);
  private keepEdgeOfTypes: Uint8Array = new Uint8Array(0);
  private indexNamedEdgeType: Uint8Array = new Uint8Array(0);
  private keepAllEdges = true;

  // Nodes.
  private nodeCount = 0;
  private nodeField = 0;
  private nodeType = new Uint8Array(0);
  private nodeName = new Uint32Array(0);
  private nodeSelfSize = new Float64Array(0);
  private nodeEdgeCount = new Uint32Array(0);

  // Edges.
  private edgesSeen = 0;
  private edgeField = 0;
  private edgeFrom = -1;
  private edgesLeftForNode = 0;
  private currentEdgeType = 0;
  private currentEdgeName = 0;
  private currentEdgeTo = 0;
  private keptEdges = 0;
  private firstEdge = new Uint32Array(0);
  private edgeType = new Uint8Array(0);
  private edgeName = new Uint32Array(0);
  private edgeTo = new Uint32Array(0);

  // Strings: which ids are referenced by kept names; decode only those.
  private neededStrings = new Uint8Array(0);
  private maxStringRef = -1;
  private strings: string[] = [];
  private decodeAllStrings = true;

  constructor(options: ParseOptions = {}) {
    this.options = options;
  }

  push(chunk: Buffer): void {
    let i = 0;
    const length = chunk.length;
    this.quoteAt = -1;
    this.backslashAt = -1;
    while (i < length) {
      switch (this.mode) {
        case Mode.Start:
          i = this.start(chunk, i);
          break;
        case Mode.BeforeKey:
          i = this.beforeKey(chunk, i);
          break;
        case Mode.Key:
          i = this.key(chunk, i);
          break;
        case Mode.Colon:
          i = this.colon(chunk, i);
          break;
        case Mode.Skip:
          i = this.skip(chunk, i);
          break;
        case Mode.IntArray:
          i = this.intArray(chunk, i);
          break;
        case Mode.StringArray:
          i = this.stringArray(chunk, i);
          break;
        case Mode.Done:
          for (; i < length; i++) {
            if (!isWhitespace(chunk[i])) this.fail(chunk, i, 'unexpected data after the end of the snapshot');
          }
          break;
      }
    }
    this.offset += length;
  }

  end(): HeapGraph {
    if (this.mode !== Mode.Done) {
      if (this.offset === 0) throw new HeapSnapshotError('not a heap snapshot: the file is empty');
      const where =
        this.mode === Mode.IntArray || this.mode === Mode.StringArray
          ? `inside ${this.section} array`
          : this.mode === Mode.Skip || this.mode === Mode.Colon
            ? `inside the "${this.section}" section`
            : this.section
              ? `after the "${this.section}" section`
              : 'before the first section';
      throw new HeapSnapshotError(`truncated heap snapshot: ended ${where} at byte ${this.offset}`);
    }
    for (const section of ['nodes', 'edges', 'strings']) {
      if (!this.seenKeys.has(section)) throw new HeapSnapshotError(`not a complete heap snapshot: the "${section}" section is missing`);
    }
    if (this.maxStringRef >= this.strings.length) {
      throw new HeapSnapshotError(`corrupt heap snapshot: string id ${this.maxStringRef} out of range (${this.strings.length} strings)`);
    }
    const meta = this.meta!;
    return {
      nodeCount: this.nodeCount,
      edgeCount: this.edgesSeen,
      nodeTypeNames: meta.nodeTypeNames,
      edgeTypeNames: meta.edgeTypeNames,
      nodeType: this.nodeType.subarray(0, this.nodeCount),
      nodeName: this.nodeName.subarray(0, this.nodeCount),
      nodeSelfSize: this.nodeSelfSize.subarray(0, this.nodeCount),
      firstEdge: this.firstEdge.subarray(0, this.nodeCount + 1),
      edgeType: this.edgeType.subarray(0, this.keptEdges),
      edgeName: this.edgeName.subarray(0, this.keptEdges),
      edgeTo: this.edgeTo.subarray(0, this.keptEdges),
      strings: this.strings,
    };
  }

  private fail(chunk: Buffer, i: number, problem: string): never {
    throw new HeapSnapshotError(`malformed heap snapshot: ${problem} at byte ${this.offset + i}${i < chunk.length ? ` (${describeByte(chunk[i])})` : ''}`);
  }

  private start(chunk: Buffer, i: number): number {
    for (; i < chunk.length; i++) {
      const c = chunk[i];
      if (isWhitespace(c)) continue;
      if (c !== 0x7b) throw new HeapSnapshotError(`not a heap snapshot: expected '{' at byte ${this.offset + i}, found ${describeByte(c)}`);
      this.mode = Mode.BeforeKey;
      return i + 1;
    }
    return i;
  }

  private beforeKey(chunk: Buffer, i: number): number {
    for (; i < chunk.length; i++) {
      const c = chunk[i];
      if (isWhitespace(c) || c === 0x2c) continue;
      if (c === 0x22) {
        this.keyBytes = [];
        this.mode = Mode.Key;
        return i + 1;
      }
      if (c === 0x7d) {
        if (this.seenKeys.size === 0) throw new HeapSnapshotError('not a heap snapshot: empty JSON object');
        this.mode = Mode.Done;
        return i + 1;
      }
      this.fail(chunk, i, 'expected a section name');
    }
    return i;
  }

  private key(chunk: Buffer, i: number): number {
    const end = chunk.indexOf(0x22, i);
    if (end === -1) {
      this.keyBytes.push(chunk.subarray(i));
      return chunk.length;
    }
    this.keyBytes.push(chunk.subarray(i, end));
    this.section = Buffer.concat(this.keyBytes).toString('utf8');
    if (this.section.length > 200) this.fail(chunk, end, 'section name too long');
    this.mode = Mode.Colon;
    return end + 1;
  }

  private colon(chunk: Buffer, i: number): number {
    for (; i < chunk.length; i++) {
      const c = chunk[i];
      if (isWhitespace(c)) continue;
      if (c !== 0x3a) this.fail(chunk, i, `expected ':' after "${this.section}"`);
      this.openSection(chunk, i);
      return i + 1;
    }
    return i;
  }

  private openSection(chunk: Buffer, i: number): void {
    const name = this.section;
    if (this.seenKeys.size === 0 && name !== 'snapshot') {
      throw new HeapSnapshotError(`not a V8 heap snapshot: the first section is "${name}", expected "snapshot"`);
    }
    if (this.seenKeys.has(name)) this.fail(chunk, i, `duplicate section "${name}"`);
    this.seenKeys.add(name);
    if (name === 'nodes') {
      this.beginNodes();
      this.beginIntArray((batch, length) => this.takeNodes(batch, length));
    } else if (name === 'edges') {
      if (!this.seenKeys.has('nodes')) this.fail(chunk, i, '"edges" before "nodes"');
      this.beginEdges();
      this.beginIntArray((batch, length) => this.takeEdges(batch, length));
    } else if (name === 'strings') {
      // Names can only be filtered when the arrays that reference them came first (they do in V8's output).
      const filtering = Boolean(this.options.keepEdge || this.options.keepNodeName);
      this.decodeAllStrings = !(filtering && this.seenKeys.has('nodes') && this.seenKeys.has('edges'));
      this.strState = Num.ExpectOpen;
      this.mode = Mode.StringArray;
    } else {
      this.skipDepth = 0;
      this.skipInString = false;
      this.skipEscape = false;
      this.capture = name === 'snapshot' ? [] : null;
      this.mode = Mode.Skip;
    }
  }

  /** Skips one JSON value; collects its bytes when capturing the header. */
  private skip(chunk: Buffer, i: number): number {
    const from = i;
    let done = false;
    let consumed = i;
    for (; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.skipInString) {
        if (this.skipEscape) this.skipEscape = false;
        else if (c === 0x5c) this.skipEscape = true;
        else if (c === 0x22) this.skipInString = false;
        continue;
      }
      if (c === 0x22) this.skipInString = true;
      else if (c === 0x7b || c === 0x5b) this.skipDepth++;
      else if (c === 0x7d || c === 0x5d) {
        if (this.skipDepth === 0) {
          done = true; // a scalar value ended by the enclosing '}'
          consumed = i;
          break;
        }
        if (--this.skipDepth === 0) {
          done = true;
          consumed = i + 1;
          break;
        }
      } else if (c === 0x2c && this.skipDepth === 0) {
        done = true;
        consumed = i;
        break;
      }
    }
    if (!done) consumed = chunk.length;
    this.capture?.push(Buffer.from(chunk.subarray(from, consumed)));
    if (done) {
      if (this.capture) this.readHeader(chunk, consumed);
      this.mode = Mode.BeforeKey;
    }
    return consumed;
  }

  private readHeader(chunk: Buffer, i: number): void {
    let header: unknown;
    try {
      header = JSON.parse(Buffer.concat(this.capture!).toString('utf8'));
    } catch (error) {
      this.fail(chunk, i, `the "snapshot" header is not valid JSON (${(error as Error).message})`);
    }
    this.capture = null;
    const meta = parseMeta(header);
    this.meta = meta;
    const { keepEdge, keepNodeName } = this.options;
    this.keepNameOfType = Uint8Array.from(meta.nodeTypeNames, (type) => (keepNodeName ? Number(keepNodeName(type)) : 1));
    this.keepEdgeOfTypes = new Uint8Array(meta.nodeTypeNames.length * meta.edgeTypeNames.length);
    for (const [n, nodeType] of meta.nodeTypeNames.entries()) {
      for (const [e, edgeType] of meta.edgeTypeNames.entries()) {
        this.keepEdgeOfTypes[n * meta.edgeTypeNames.length + e] = keepEdge ? Number(keepEdge(nodeType, edgeType)) : 1;
      }
    }
    this.keepAllEdges = this.keepEdgeOfTypes.every((keep) => keep === 1);
    this.indexNamedEdgeType = Uint8Array.from(meta.edgeTypeNames, (type) => Number(INDEX_NAMED_EDGE_TYPES.has(type)));
  }

  private requireMeta(): Meta {
    if (!this.meta) throw new HeapSnapshotError('not a V8 heap snapshot: data arrays before the "snapshot" header');
    return this.meta;
  }

  private beginIntArray(sink: (batch: Float64Array, length: number) => void): void {
    this.requireMeta();
    this.sink = sink;
    this.numState = Num.ExpectOpen;
    this.num = 0;
    this.batchLength = 0;
    this.mode = Mode.IntArray;
  }

  /** The hot loop: decimal integers separated by commas and whitespace, batched into `this.batch`. */
  private intArray(chunk: Buffer, i: number): number {
    const batch = this.batch;
    const length = chunk.length;
    let state = this.numState;
    let num = this.num;
    let count = this.batchLength;
    if (state === Num.ExpectOpen) {
      while (i < length && isWhitespace(chunk[i])) i++;
      if (i === length) return i;
      if (chunk[i] !== 0x5b) this.fail(chunk, i, `expected '[' to open ${this.section}`);
      state = Num.ExpectValueOrClose;
      i++;
    }
    for (; i < length; i++) {
      const c = chunk[i];
      const digit = c - 0x30;
      if (digit >= 0 && digit <= 9) {
        if (state === Num.AfterValue) this.fail(chunk, i, `missing ',' in ${this.section}`);
        num = num * 10 + digit;
        state = Num.InNumber;
        continue;
      }
      if (state === Num.InNumber) {
        if (num > Number.MAX_SAFE_INTEGER) this.fail(chunk, i, `number too large in ${this.section}`);
        batch[count++] = num;
        num = 0;
        state = Num.AfterValue;
        if (count === BATCH) {
          this.sink!(batch, count);
          count = 0;
        }
      }
      if (c === 0x2c) {
        if (state !== Num.AfterValue) this.fail(chunk, i, `unexpected ',' in ${this.section}`);
        state = Num.AfterComma;
      } else if (c === 0x5d) {
        if (state === Num.AfterComma) this.fail(chunk, i, `unexpected ']' in ${this.section}`);
        this.sink!(batch, count);
        this.batchLength = 0;
        this.finishIntArray(chunk, i);
        this.mode = Mode.BeforeKey;
        return i + 1;
      } else if (!isWhitespace(c)) {
        this.fail(chunk, i, `unexpected character in ${this.section} (only non-negative integers are allowed)`);
      }
    }
    this.numState = state;
    this.num = num;
    this.batchLength = count;
    return i;
  }

  private finishIntArray(chunk: Buffer, i: number): void {
    const meta = this.meta!;
    if (this.section === 'nodes') {
      if (this.nodeField !== 0) this.fail(chunk, i, `nodes array length is not a multiple of ${meta.nodeFieldCount} fields`);
      if (meta.nodeCountHint >= 0 && meta.nodeCountHint !== this.nodeCount) {
        this.fail(chunk, i, `nodes array holds ${this.nodeCount} nodes, the header says ${meta.nodeCountHint}`);
      }
      return;
    }
    if (this.edgeField !== 0) this.fail(chunk, i, `edges array length is not a multiple of ${meta.edgeFieldCount} fields`);
    let missing = this.edgesLeftForNode;
    for (let n = this.edgeFrom + 1; n < this.nodeCount; n++) {
      this.firstEdge[n] = this.keptEdges;
      missing += this.nodeEdgeCount[n];
    }
    this.firstEdge[this.nodeCount] = this.keptEdges;
    if (missing > 0) this.fail(chunk, i, `edges array ends ${missing} edges short of the nodes' edge_count total`);
    this.nodeEdgeCount = new Uint32Array(0);
  }

  private beginNodes(): void {
    const capacity = Math.max(this.requireMeta().nodeCountHint, 1024);
    this.nodeType = new Uint8Array(capacity);
    this.nodeName = new Uint32Array(capacity);
    this.nodeSelfSize = new Float64Array(capacity);
    this.nodeEdgeCount = new Uint32Array(capacity);
  }

  private takeNodes(batch: Float64Array, length: number): void {
    const { nodeFieldCount, nodeRoles, nodeTypeNames } = this.meta!;
    const typeCount = nodeTypeNames.length;
    let field = this.nodeField;
    let n = this.nodeCount;
    for (let k = 0; k < length; k++) {
      if (field === 0 && n === this.nodeType.length) this.growNodes(n + 1);
      const value = batch[k];
      switch (nodeRoles[field]) {
        case Role.Type:
          if (value >= typeCount) throw new HeapSnapshotError(`corrupt heap snapshot: node ${n} has unknown type ${value}`);
          this.nodeType[n] = value;
          break;
        case Role.Name:
          if (value > MAX_U32) throw new HeapSnapshotError(`corrupt heap snapshot: node ${n} has name id ${value}`);
          this.nodeName[n] = value;
          break;
        case Role.SelfSize:
          this.nodeSelfSize[n] = value;
          break;
        case Role.EdgeCount:
          if (value > MAX_U32) throw new HeapSnapshotError(`corrupt heap snapshot: node ${n} has ${value} edges`);
          this.nodeEdgeCount[n] = value;
          break;
      }
      if (++field === nodeFieldCount) {
        if (this.keepNameOfType[this.nodeType[n]] === 1) this.needString(this.nodeName[n]);
        field = 0;
        n++;
      }
    }
    this.nodeField = field;
    this.nodeCount = n;
  }

  private growNodes(needed: number): void {
    this.nodeType = grow(this.nodeType, needed);
    this.nodeName = grow(this.nodeName, needed);
    this.nodeSelfSize = grow(this.nodeSelfSize, needed);
    this.nodeEdgeCount = grow(this.nodeEdgeCount, needed);
  }

  private beginEdges(): void {
    const meta = this.meta!;
    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    // Pre-size exactly when keeping everything; otherwise start small and double.
    const capacity = this.keepAllEdges && meta.edgeCountHint >= 0 ? meta.edgeCountHint : Math.min(Math.max(meta.edgeCountHint, 0), 1 << 16);
    this.edgeType = new Uint8Array(capacity);
    this.edgeName = new Uint32Array(capacity);
    this.edgeTo = new Uint32Array(capacity);
  }

  private takeEdges(batch: Float64Array, length: number): void {
    const { edgeFieldCount, edgeRoles, edgeTypeNames, nodeFieldCount } = this.meta!;
    const edgeTypeCount = edgeTypeNames.length;
    const nodeCount = this.nodeCount;
    const keep = this.keepEdgeOfTypes;
    let field = this.edgeField;
    for (let k = 0; k < length; k++) {
      const value = batch[k];
      switch (edgeRoles[field]) {
        case Role.Type:
          if (value >= edgeTypeCount) throw new HeapSnapshotError(`corrupt heap snapshot: edge ${this.edgesSeen} has unknown type ${value}`);
          this.currentEdgeType = value;
          break;
        case Role.Name:
          if (value > MAX_U32) throw new HeapSnapshotError(`corrupt heap snapshot: edge ${this.edgesSeen} has name id ${value}`);
          this.currentEdgeName = value;
          break;
        case Role.ToNode:
          if (value % nodeFieldCount !== 0 || value / nodeFieldCount >= nodeCount) {
            throw new HeapSnapshotError(`corrupt heap snapshot: edge ${this.edgesSeen} points to ${value}, not a node`);
          }
          this.currentEdgeTo = value / nodeFieldCount;
          break;
      }
      if (++field < edgeFieldCount) continue;
      field = 0;
      // Edges are listed node by node, each node owning edge_count of them.
      while (this.edgesLeftForNode === 0) {
        if (++this.edgeFrom >= nodeCount) throw new HeapSnapshotError('corrupt heap snapshot: more edges than the nodes\' edge_count total');
        this.firstEdge[this.edgeFrom] = this.keptEdges;
        this.edgesLeftForNode = this.nodeEdgeCount[this.edgeFrom];
      }
      this.edgesLeftForNode--;
      this.edgesSeen++;
      const type = this.currentEdgeType;
      if (keep[this.nodeType[this.edgeFrom] * edgeTypeCount + type] === 0) continue;
      const e = this.keptEdges++;
      if (e === this.edgeType.length) {
        this.edgeType = grow(this.edgeType, e + 1);
        this.edgeName = grow(this.edgeName, e + 1);
        this.edgeTo = grow(this.edgeTo, e + 1);
      }
      this.edgeType[e] = type;
      this.edgeName[e] = this.currentEdgeName;
      this.edgeTo[e] = this.currentEdgeTo;
      if (this.indexNamedEdgeType[type] === 0) this.needString(this.currentEdgeName);
    }
    this.edgeField = field;
  }

  private needString(id: number): void {
    if (id > this.maxStringRef) {
      // Strings are names of nodes and edges (plus a few trace entries): a far larger id is corrupt and must not size an allocation.
      const limit = this.nodeCount + Math.max(this.edgesSeen, this.meta!.edgeCountHint) + (1 << 20);
      if (id > limit) throw new HeapSnapshotError(`corrupt heap snapshot: string id ${id} out of range`);
      this.maxStringRef = id;
    }
    if (id >= this.neededStrings.length) this.neededStrings = grow(this.neededStrings, id + 1);
    this.neededStrings[id] = 1;
  }

  private stringArray(chunk: Buffer, i: number): number {
    const length = chunk.length;
    while (i < length) {
      if (this.inString) {
        i = this.stringBody(chunk, i);
        continue;
      }
      const c = chunk[i];
      if (isWhitespace(c)) {
        i++;
      } else if (this.strState === Num.ExpectOpen) {
        if (c !== 0x5b) this.fail(chunk, i, "expected '[' to open strings");
        this.strState = Num.ExpectValueOrClose;
        i++;
      } else if (c === 0x22 && this.strState !== Num.AfterValue) {
        this.inString = true;
        this.stringEscaped = false;
        this.stringHasEscape = false;
        this.stringPieces = [];
        i++;
      } else if (c === 0x2c && this.strState === Num.AfterValue) {
        this.strState = Num.AfterComma;
        i++;
      } else if (c === 0x5d && this.strState !== Num.AfterComma) {
        this.mode = Mode.BeforeKey;
        return i + 1;
      } else {
        this.fail(chunk, i, 'unexpected character in strings');
      }
    }
    return i;
  }

  /** Scans to the closing quote with indexOf (strings hold most of a snapshot's bytes). */
  private stringBody(chunk: Buffer, i: number): number {
    const keep = this.decodeAllStrings || this.neededStrings[this.strings.length] === 1;
    const start = i;
    if (this.stringEscaped) {
      // The previous chunk ended on a backslash: this byte is escaped.
      this.stringEscaped = false;
      i++;
    }
    for (;;) {
      if (this.quoteAt < i) {
        this.quoteAt = chunk.indexOf(0x22, i);
        if (this.quoteAt === -1) this.quoteAt = chunk.length;
      }
      if (this.backslashAt < i) {
        this.backslashAt = chunk.indexOf(0x5c, i);
        if (this.backslashAt === -1) this.backslashAt = chunk.length;
      }
      if (this.backslashAt < this.quoteAt) {
        this.stringHasEscape = true;
        i = this.backslashAt + 2;
        if (i > chunk.length) {
          this.stringEscaped = true;
          i = chunk.length;
        }
        continue;
      }
      if (this.quoteAt === chunk.length) {
        if (keep) this.stringPieces.push(chunk.subarray(start, chunk.length));
        return chunk.length;
      }
      const end = this.quoteAt;
      this.strings.push(keep ? this.decodeString(chunk, start, end) : '');
      this.inString = false;
      this.strState = Num.AfterValue;
      return end + 1;
    }
  }

  private decodeString(chunk: Buffer, start: number, end: number): string {
    const pieces = this.stringPieces;
    const text =
      pieces.length === 0 ? chunk.toString('utf8', start, end) : Buffer.concat([...pieces, chunk.subarray(start, end)]).toString('utf8');
    this.stringPieces = [];
    if (!this.stringHasEscape) return text;
    try {
      return JSON.parse(`"${text}"`) as string;
    } catch {
      throw new HeapSnapshotError(`malformed heap snapshot: bad escape in string ${this.strings.length} (before byte ${this.offset + end})`);
    }
  }
}

/** Parses chunks from any source (a file stream, or test data cut at awkward places). */
export async function parseHeapSnapshotChunks(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, options: ParseOptions = {}): Promise<HeapGraph> {
  const parser = new HeapSnapshotParser(options);
  for await (const chunk of chunks) parser.push(chunk);
  return parser.end();
}

/** Streams a heap snapshot file into a HeapGraph; memory is the typed arrays plus the kept strings. */
export async function parseHeapSnapshot(file: string, options: ParseOptions = {}): Promise<HeapGraph> {
  try {
    return await parseHeapSnapshotChunks(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>, options);
  } catch (error) {
    if (error instanceof HeapSnapshotError) throw new HeapSnapshotError(`${file}: ${error.message}`);
    throw error;
  }
}
