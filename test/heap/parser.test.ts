import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeapSnapshotError, parseHeapSnapshot, parseHeapSnapshotChunks, type HeapGraph, type ParseOptions } from '../../src/heap/snapshot-parser.js';
import { tempDir, writePatternsSnapshot } from './helpers.js';
import { DEFAULT_EDGE_FIELDS, DEFAULT_NODE_FIELDS, fooHeap, syntheticSnapshot } from './synthetic.js';

function* pieces(text: string | Buffer, size: number): Generator<Buffer> {
  const buffer = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

function parse(text: string | Buffer, size = 1 << 20, options?: ParseOptions): Promise<HeapGraph> {
  return parseHeapSnapshotChunks(pieces(text, size), options);
}

/** Nodes and edges back in logical form, independent of field order. */
function describeGraph(graph: HeapGraph) {
  return Array.from({ length: graph.nodeCount }, (_, n) => ({
    type: graph.nodeTypeNames[graph.nodeType[n]],
    name: graph.strings[graph.nodeName[n]],
    selfSize: graph.nodeSelfSize[n],
    edges: Array.from({ length: graph.firstEdge[n + 1] - graph.firstEdge[n] }, (_, k) => {
      const e = graph.firstEdge[n] + k;
      const type = graph.edgeTypeNames[graph.edgeType[e]];
      const name = type === 'element' || type === 'hidden' ? graph.edgeName[e] : graph.strings[graph.edgeName[e]];
      return { type, name, to: graph.edgeTo[e] };
    }),
  }));
}

const expectedFoo = fooHeap().map((node) => ({ ...node, edges: node.edges ?? [] }));

describe('parseHeapSnapshotChunks', () => {
  it('reads nodes, edges and strings into typed arrays', async () => {
    const graph = await parse(syntheticSnapshot(fooHeap()));
    expect(graph.nodeCount).toBe(8);
    expect(graph.edgeCount).toBe(7);
    expect(graph.nodeType).toBeInstanceOf(Uint8Array);
    expect(graph.edgeTo).toBeInstanceOf(Uint32Array);
    expect(describeGraph(graph)).toEqual(expectedFoo);
  });

  it('gives the same result whatever the chunk boundaries', async () => {
    const text = syntheticSnapshot(fooHeap(), { extraStrings: ['quote " and backslash \\ and \n newline', 'é ü 😀 ∑', '\u0001\u001f', 'x'.repeat(5000)] });
    const whole = await parse(text);
    for (const size of [1, 2, 3, 7, 64]) {
      const graph = await parse(text, size);
      expect(describeGraph(graph)).toEqual(describeGraph(whole));
      expect(graph.strings).toEqual(whole.strings);
    }
    expect(whole.strings.slice(-4)).toEqual(['quote " and backslash \\ and \n newline', 'é ü 😀 ∑', '\u0001\u001f', 'x'.repeat(5000)]);
  });

  it('follows the field order in snapshot.meta instead of assuming it', async () => {
    const text = syntheticSnapshot(fooHeap(), {
      nodeFields: ['edge_count', 'self_size', 'name', 'type', 'id'],
      edgeFields: ['to_node', 'name_or_index', 'type'],
    });
    expect(describeGraph(await parse(text, 5))).toEqual(expectedFoo);
  });

  it('skips trace and location sections, whatever they hold', async () => {
    const extraSections =
      '"trace_function_infos":[1,2,3,4,5,6],\n"trace_tree":[1,0,1,32,[2,1,1,16,[]]],\n' +
      '"samples":[10,1],\n"locations":[5,1,2,3],\n"unknown_section":{"a":"]}\\"[{","b":[[]],"c":null},\n"scalar":12,\n';
    const graph = await parse(syntheticSnapshot(fooHeap(), { extraSections }), 3);
    expect(describeGraph(graph)).toEqual(expectedFoo);
  });

  it('keeps only the edges and names asked for', async () => {
    const graph = await parse(syntheticSnapshot(fooHeap()), 4, {
      keepEdge: (from, edge) => from === 'object' && edge === 'internal',
      keepNodeName: (type) => type === 'object' || type === 'array',
    });
    expect(graph.edgeCount).toBe(7);
    expect(graph.edgeType.length).toBe(4);
    const nodes = describeGraph(graph);
    expect(nodes[0].edges).toEqual([]);
    expect(nodes[1].edges.map((edge) => edge.name)).toEqual(['properties', 'map']);
    expect(nodes[1].name).toBe('Foo');
    expect(nodes[4].name).toBe(''); // a hidden node's name was not asked for
    expect(nodes[6].name).toBe('(object properties)');
  });
});

describe('bad input', () => {
  const good = syntheticSnapshot(fooHeap());
  const failure = async (text: string | Buffer, size?: number) => {
    try {
      await parse(text, size);
    } catch (error) {
      expect(error).toBeInstanceOf(HeapSnapshotError);
      return (error as Error).message;
    }
    throw new Error('expected the parse to fail');
  };

  it('names where a truncated snapshot ends', async () => {
    const inNodes = good.indexOf('"nodes"') + 20;
    expect(await failure(good.slice(0, inNodes))).toBe(`truncated heap snapshot: ended inside nodes array at byte ${inNodes}`);
    expect(await failure(good.slice(0, good.indexOf('"edges"') + 12), 5)).toMatch(/^truncated heap snapshot: ended inside edges array at byte \d+$/);
    expect(await failure(good.slice(0, good.indexOf('"strings"') + 15))).toMatch(/ended inside strings array/);
    expect(await failure(good.slice(0, 30))).toMatch(/ended inside the "snapshot" section at byte 30/);
    expect(await failure(good.slice(0, -1))).toMatch(/ended after the "strings" section/);
  });

  it('rejects files that are not heap snapshots', async () => {
    expect(await failure('')).toBe('not a heap snapshot: the file is empty');
    expect(await failure('hello world')).toMatch(/^not a heap snapshot: expected '\{' at byte 0, found 'h'/);
    expect(await failure('[1,2,3]')).toMatch(/^not a heap snapshot/);
    expect(await failure('{"name":"some-package","version":"1.0.0"}')).toBe('not a V8 heap snapshot: the first section is "name", expected "snapshot"');
    expect(await failure('{"snapshot":{"node_count":1}}')).toBe('not a V8 heap snapshot: "snapshot.meta" is missing');
    expect(await failure('{"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count"],"node_types":[["object"]],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["internal"]]}}}')).toMatch(
      /the "nodes" section is missing/,
    );
  });

  it('rejects an unknown format version', async () => {
    const extraField = good.replace('"detachedness"]', '"detachedness","colour"]');
    expect(await failure(extraField)).toMatch(/^unsupported heap snapshot format: unknown node field "colour" in snapshot\.meta\.node_fields/);
    const renamed = good.replace('"to_node"]', '"to"]');
    expect(await failure(renamed)).toMatch(/^unsupported heap snapshot format: unknown edge field "to"/);
    const noSize = good.replace('"self_size",', '');
    expect(await failure(noSize)).toMatch(/lacks "self_size"/);
    const flatTypes = good.replace(/"node_types":\[\[[^\]]*\]/, '"node_types":["object"');
    expect(await failure(flatTypes)).toMatch(/node_types\[type\] is not a list of names/);
  });

  it('rejects inconsistent arrays', async () => {
    expect(await failure(good.replace('"node_count":8', '"node_count":9'))).toMatch(/nodes array holds 8 nodes, the header says 9/);
    // Drop the last edge (its 3 values): the nodes' edge_count total no longer matches.
    const edges = good.slice(good.indexOf('"edges":['), good.indexOf('],\n"trace_function_infos"'));
    const shortEdges = edges.slice(0, edges.lastIndexOf('\n,'));
    expect(await failure(good.replace(edges, shortEdges))).toMatch(/edges array ends 1 edges short/);
    expect(await failure(good.replace('"nodes":[9,', '"nodes":[-9,'))).toMatch(/unexpected character in nodes/);
    expect(await failure(good.replace('"nodes":[9,', '"nodes":[99,'))).toMatch(/node 0 has unknown type 99/);
    expect(await failure(good.replace('"edges":[1,1,7', '"edges":[1,1,8'))).toMatch(/edge 0 points to 8, not a node/);
    expect(await failure(good.replace('"strings":["<dummy>",', '"strings":['))).toMatch(/string id \d+ out of range/);
    expect(await failure(`${good} x`)).toMatch(/unexpected data after the end of the snapshot/);
  });

  it('prefixes the file name when reading a file', async () => {
    const { dir, cleanup } = tempDir('parser');
    try {
      const file = join(dir, 'cut.heapsnapshot');
      writeFileSync(file, good.slice(0, good.indexOf('"nodes"') + 20));
      await expect(parseHeapSnapshot(file)).rejects.toThrow(`${file}: truncated heap snapshot: ended inside nodes array`);
    } finally {
      cleanup();
    }
  });
});

describe('a real snapshot from this Node.js', () => {
  const { dir, cleanup } = tempDir('parser-real');
  let file: string;
  beforeAll(() => {
    file = writePatternsSnapshot(join(dir, 'patterns.heapsnapshot'), 200);
  });
  afterAll(cleanup);

  it('matches JSON.parse of the same file, value for value', async () => {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const { node_fields: nodeFields, edge_fields: edgeFields } = json.snapshot.meta;
    expect(nodeFields).toEqual(DEFAULT_NODE_FIELDS);
    expect(edgeFields).toEqual(DEFAULT_EDGE_FIELDS);
    const graph = await parseHeapSnapshot(file);
    const nf = nodeFields.length;
    const ef = edgeFields.length;
    expect(graph.nodeCount).toBe(json.nodes.length / nf);
    expect(graph.edgeCount).toBe(json.edges.length / ef);
    let mismatches = 0;
    let edge = 0;
    for (let n = 0; n < graph.nodeCount; n++) {
      const o = n * nf;
      if (graph.nodeType[n] !== json.nodes[o] || graph.nodeName[n] !== json.nodes[o + 1] || graph.nodeSelfSize[n] !== json.nodes[o + 3]) mismatches++;
      if (graph.firstEdge[n] !== edge) mismatches++;
      edge += json.nodes[o + 4];
    }
    for (let e = 0; e < graph.edgeCount; e++) {
      const o = e * ef;
      if (graph.edgeType[e] !== json.edges[o] || graph.edgeName[e] !== json.edges[o + 1] || graph.edgeTo[e] * nf !== json.edges[o + 2]) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(graph.strings).toEqual(json.strings);
  });
});
